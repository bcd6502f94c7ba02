package io.dirsync.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GraphEmulatorSmokeTest {

  @Test
  void servesAPagedUserListOverHttps() throws Exception {
    try (GraphEmulator emu = GraphEmulator.builder().users(12).groups(3).start()) {
      GraphTestClient c = new GraphTestClient(emu);
      GraphTestClient.Response r = c.get("/users?$top=5&$select=id,userPrincipalName,accountEnabled");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body().get("value")).hasSize(5);
      assertThat(r.body().get("@odata.nextLink").asText()).startsWith(emu.graphUrl() + "/users?");
      int total = r.body().get("value").size();
      while (r.body().has("@odata.nextLink")) {
        r = c.get(r.body().get("@odata.nextLink").asText());
        total += r.body().get("value").size();
      }
      assertThat(total).isEqualTo(12);
    }
  }
}
