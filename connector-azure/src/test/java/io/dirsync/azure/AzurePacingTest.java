package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.FullListing;
import io.dirsync.emulator.graph.GraphEmulator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Client-side pacing on the Graph connector: requests are spent against the directory's
 * resource-unit budget at their documented cost, so a listing that would overspend waits for the
 * next 10-second window instead of being throttled. Waits are recorded, not slept.
 */
class AzurePacingTest {

  @Test
  void aListingOverTheResourceUnitBudgetWaitsForTheNextWindowInsteadOfBeingThrottled() throws Exception {
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(20).groups(2).listPageCap(5))) {
      GraphEmulator emu = azure.emulator;
      RecordingSleeper sleeper = new RecordingSleeper();
      long made = System.nanoTime();
      DirectoryResilience resilience = new DirectoryResilience("contoso", RetryConfig.DEFAULTS,
          new RateLimitConfig(0d, 6), emu.clock(), sleeper);
      resilience.beginRun();
      try (Connector c = azure.create(azure.config(), azure.context(NestedGroups.DIRECT, emu.clock(), resilience))) {
        Collected got = new Collected();
        ((FullListing) c).listAll(got);
        assertThat(got.users).hasSize(20);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - made);
      int requests = emu.journal().graphRequests().size();
      assertThat(requests).isGreaterThan(8);
      assertThat(sleeper.waits()).as("more than 6 RU of requests: some wait for a later window").isNotEmpty()
          .allSatisfy(d -> assertThat(d).isPositive());
      Duration longest = sleeper.waits().stream().max(Duration::compareTo).orElseThrow();
      assertThat(longest.plus(elapsed)).as("the last requests wait for a later 10 s window")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(10));
      assertThat(resilience.meter().pacedWaited()).isEqualTo(sleeper.waits().stream().reduce(Duration.ZERO, Duration::plus));
      assertThat(resilience.meter().retries()).isZero();
      assertThat(emu.journal().graphRequests()).noneMatch(r -> r.status() == 429);
    }
  }
}
