package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.http.Sleeper;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.FullListing;
import io.dirsync.emulator.graph.EmulatorClock;
import io.dirsync.emulator.graph.GraphEmulator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * {@code rateLimit.resourceUnitsPer10s} against the emulated Graph budget (a token bucket of 100 RU
 * per 10 s, on the emulator clock): a listing of about 640 RU paced just under it is never
 * throttled; unpaced, it is throttled, retried and still complete. No test waits: the sleeper moves
 * the emulator clock instead.
 */
class AzureResourceUnitsTest {

  private static final int BUCKET = 100;
  private static final int USERS = 2000;
  private static final int GROUPS = 300;

  @Test
  void pacedJustUnderTheBucketALargeListingIsNeverThrottled() throws Exception {
    Instant start = Instant.parse("2026-01-05T10:00:00Z");
    EmulatorClock clock = new EmulatorClock(start);
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(USERS).groups(GROUPS).clock(clock))) {
      azure.emulator.faults().resourceUnitsPer10s(BUCKET);
      // The rate limiter counts its 10 s windows in System.nanoTime(), and a pacing wait lasts until one
      // of them starts: that moment, on the emulator clock, is where the sleeper moves it.
      long base = System.nanoTime();
      Sleeper untilTheWindow = d -> {
        Instant at = start.plusNanos(System.nanoTime() + d.toNanos() - base);
        synchronized (clock) {
          if (at.isAfter(clock.instant())) {
            clock.set(at);
          }
        }
      };
      DirectoryResilience resilience = new DirectoryResilience("contoso", RetryConfig.DEFAULTS,
          new RateLimitConfig(0d, BUCKET * 9 / 10), clock, untilTheWindow);
      resilience.beginRun();
      Collected got = listAll(azure, resilience);

      assertThat(got.groups).hasSize(GROUPS);
      assertThat(got.users).hasSize(USERS);
      assertThat(azure.emulator.journal().graphRequests()).as("no request was throttled")
          .hasSizeGreaterThan(GROUPS).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(resilience.meter().throttled()).isZero();
      assertThat(resilience.meter().pacedWaited()).as("the listing spread over several windows")
          .isGreaterThan(Duration.ofSeconds(40));
    }
  }

  @Test
  void withoutResourceUnitPacingTheSameListingIsThrottledRetriedAndComplete() throws Exception {
    EmulatorClock clock = new EmulatorClock(Instant.parse("2026-01-05T10:00:00Z"));
    try (EmulatedAzure azure = EmulatedAzure.start(GraphEmulator.builder().users(USERS).groups(GROUPS).clock(clock))) {
      azure.emulator.faults().resourceUnitsPer10s(BUCKET);
      Sleeper advance = d -> {
        synchronized (clock) {
          clock.advance(d);
        }
      };
      DirectoryResilience resilience = new DirectoryResilience("contoso", RetryConfig.DEFAULTS,
          RateLimitConfig.UNLIMITED, clock, advance);
      resilience.beginRun();
      Collected got = listAll(azure, resilience);

      assertThat(got.groups).hasSize(GROUPS);
      assertThat(got.users).hasSize(USERS);
      long throttled = azure.emulator.journal().graphRequests().stream().filter(r -> r.status() == 429).count();
      assertThat(throttled).isPositive();
      assertThat(resilience.meter().throttled()).isEqualTo((int) throttled);
      assertThat(resilience.meter().retries()).isEqualTo((int) throttled);
    }
  }

  private static Collected listAll(EmulatedAzure azure, DirectoryResilience resilience) throws Exception {
    try (Connector c = azure.create(azure.config(), azure.context(NestedGroups.DIRECT, azure.emulator.clock(),
        resilience))) {
      Collected got = new Collected();
      assertThat(((FullListing) c).listAll(got).complete()).isTrue();
      return got;
    }
  }
}
