package io.dirsync.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.emulator.graph.GraphFaults.BodyFault;
import io.dirsync.emulator.graph.GraphFaults.Planned;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The switches the retry layer's fault matrix uses: damaged bodies and faults placed by request position. */
class GraphFaultSwitchesTest {

  @Test
  void aPlanScriptsGraphRequestsByPosition() throws Exception {
    try (GraphEmulator emu = GraphEmulator.builder().users(3).groups(0).start()) {
      GraphTestClient c = new GraphTestClient(emu);
      emu.faults().plan(Map.of(0, Planned.throttled("2.128"), 1, Planned.failed(503),
          2, Planned.damaged(BodyFault.TRUNCATED_JSON)));
      GraphTestClient.Response throttled = c.get("/users");
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After")).contains("2.128");
      assertThat(c.get("/users").status()).isEqualTo(503);
      assertThatThrownBy(() -> c.get("/users")).as("half a JSON body").isInstanceOf(IOException.class);
      assertThat(c.get("/users").status()).isEqualTo(200);
      assertThat(emu.journal().graphRequests()).extracting(GraphRequest::status).containsExactly(429, 503, 200, 200);
    }
  }

  @Test
  void aDroppedConnectionEndsTheBodyEarlyOnce() throws Exception {
    try (GraphEmulator emu = GraphEmulator.builder().users(3).groups(0).start()) {
      GraphTestClient c = new GraphTestClient(emu);
      emu.faults().dropConnectionNext(1);
      assertThatThrownBy(() -> c.get("/users")).isInstanceOf(IOException.class);
      assertThat(c.get("/users").body().get("value").size()).isEqualTo(3);
    }
  }
}
