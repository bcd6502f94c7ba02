package io.dirsync.emulator.graph;

import io.dirsync.emulator.common.Gate;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The optional resource-unit budget of SPEC.md A7: documented costs, a token bucket on the emulator clock, Graph's 429. */
class GraphResourceUnitsTest {

  @ParameterizedTest(name = "{0} costs {1}")
  @CsvSource(delimiter = '|', value = {
      "/v1.0/users                                                           | 2",
      "/v1.0/users?$select=id,displayName                                    | 1",
      "/v1.0/users?$select=id&$top=999&$expand=manager($select=id)           | 2",
      "/v1.0/users?$top=5                                                    | 1",
      "/v1.0/groups?$select=id&$top=999                                      | 1",
      "/v1.0/groups/g1                                                       | 1",
      "/v1.0/groups/g1/members                                               | 3",
      "/v1.0/groups/g1/members?$select=id&$top=999&$skiptoken=X              | 2",
      "/v1.0/groups/g1/transitiveMembers                                     | 5",
      "/v1.0/groups/g1/transitiveMembers?$select=id&$top=10                  | 3",
      "/v1.0/users/delta()?$deltatoken=abc                                   | 1"})
  void chargesTheDocumentedCost(String request, int cost) {
    String[] parts = request.split("\\?", 2);
    assertThat(ResourceUnitBucket.cost(parts[0], GraphQuery.parse(parts.length > 1 ? parts[1] : null))).isEqualTo(cost);
  }

  @Test
  void aRequestTheBucketCannotPayForGetsGraphsThrottlingAnswerUntilTheBucketRefills() throws Exception {
    EmulatorClock clock = new EmulatorClock(Instant.parse("2026-01-05T10:00:00Z"));
    try (GraphEmulator emu = GraphEmulator.builder().users(3).groups(0).clock(clock).start()) {
      GraphTestClient c = new GraphTestClient(emu);
      emu.faults().resourceUnitsPer10s(10);
      for (int i = 0; i < 5; i++) {
        GraphTestClient.Response ok = c.get("/users");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-ms-resource-unit")).contains("2");
      }
      GraphTestClient.Response throttled = c.get("/users");
      assertThat(throttled.status()).isEqualTo(429);
      // 0 RU left, and the refused request is counted too: 4 RU short at 1 RU a second
      assertThat(throttled.headers().firstValue("Retry-After")).contains("4");
      assertThat(throttled.headers().firstValue("x-ms-throttle-information")).contains("ResourceUnitLimitExceeded");
      assertThat(throttled.headers().firstValue("x-ms-throttle-scope"))
          .contains("Tenant_Application/Read/" + emu.clientId() + "/" + emu.tenantId());
      assertThat(throttled.body().at("/error/code").asText()).isEqualTo("TooManyRequests");
      assertThat(throttled.body().at("/error/message").asText()).isEqualTo("Please retry again later.");
      assertThat(throttled.body().at("/error/innerError/code").asText()).isEqualTo("429");
      assertThat(throttled.body().at("/error/innerError/status").asText()).isEqualTo("429");

      clock.advance(Duration.ofSeconds(3));
      GraphTestClient.Response early = c.get("/users");
      assertThat(early.status()).as("retried before Retry-After: still short, and charged again").isEqualTo(429);
      assertThat(early.headers().firstValue("Retry-After")).contains("3");
      clock.advance(Duration.ofSeconds(3));
      GraphTestClient.Response afterWait = c.get("/users");
      assertThat(afterWait.status()).isEqualTo(200);
      assertThat(afterWait.headers().firstValue("x-ms-throttle-limit-percentage")).contains("1.0");

      clock.advance(Duration.ofSeconds(10));
      GraphTestClient.Response rested = c.get("/users?$select=id");
      assertThat(rested.headers().firstValue("x-ms-resource-unit")).contains("1");
      assertThat(rested.headers().firstValue("x-ms-throttle-limit-percentage")).as("under 80 % used").isEmpty();
    }
  }

  @Test
  void withoutABudgetNothingIsChargedOrThrottled() throws Exception {
    try (GraphEmulator emu = GraphEmulator.builder().users(3).groups(0).start()) {
      GraphTestClient c = new GraphTestClient(emu);
      emu.faults().resourceUnitsPer10s(2);
      assertThat(c.get("/users").status()).isEqualTo(200);
      emu.faults().clear();
      for (int i = 0; i < 20; i++) {
        GraphTestClient.Response r = c.get("/users");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ms-resource-unit")).isEmpty();
      }
    }
  }

  @Test
  void aGateHoldsRequestsToOneResourceAndTheJournalSeesThemInFlight() throws Exception {
    try (GraphEmulator emu = GraphEmulator.builder().users(3).groups(2).start()) {
      GraphTestClient c = new GraphTestClient(emu);
      c.bearer();
      Gate gate = emu.faults().hold("users");
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
      try {
        var held = java.util.stream.IntStream.range(0, 3).mapToObj(i -> pool.submit(() -> c.get("/users"))).toList();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() == 3);
        assertThat(c.get("/groups").status()).as("other resources pass").isEqualTo(200);
        gate.release();
        for (var f : held) {
          assertThat(f.get().status()).isEqualTo(200);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(emu.journal().peakConcurrency()).isEqualTo(4);
      assertThat(emu.journal().graphRequests()).hasSize(4);
    }
  }
}
