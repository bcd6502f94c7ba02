package io.dirsync.daemon.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.snapshot.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /healthz}: a failed last run, or two scheduled runs due since the last success, is unhealthy. */
class HealthTest {

  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  /** A cron that fires every day at 02:00 UTC. */
  private final Health health = new Health(START, (cron, after) -> {
    Instant day = after.truncatedTo(java.time.temporal.ChronoUnit.DAYS).plus(Duration.ofHours(2));
    return day.isAfter(after) ? day : day.plus(Duration.ofDays(1));
  });

  private static RunRecord run(String outcome, Instant end) {
    return new RunRecord("r", "acme", "full", outcome, end.minusSeconds(60), end, Map.of(), null, 0, 0, 0);
  }

  private Health.Directory check(Health.Schedule s, Instant now) {
    return health.check(Map.of("acme", s), now).get(0);
  }

  @Test
  void aDirectoryIsStaleWhenTwoNightlyRunsWereDueSinceItsLastSuccess() {
    Health.Schedule nightly = new Health.Schedule("0 0 2 * * ?", null);
    assertThat(check(nightly, START.plus(Duration.ofHours(25))).healthy()).as("never ran, one night due").isTrue();
    assertThat(check(nightly, START.plus(Duration.ofHours(26)).plusSeconds(1)).stale()).as("two nights due").isTrue();

    health.record(run("succeeded", Instant.parse("2026-03-02T02:10:00Z")));
    assertThat(check(nightly, Instant.parse("2026-03-04T01:00:00Z")).healthy()).isTrue();
    assertThat(check(nightly, Instant.parse("2026-03-04T02:00:01Z")).stale()).isTrue();
  }

  @Test
  void withDeltasTheDeltaIntervalDecides() {
    Health.Schedule deltas = new Health.Schedule("0 0 2 * * ?", Duration.ofMinutes(15));
    health.record(run("succeeded", Instant.parse("2026-03-01T10:00:00Z")));
    assertThat(check(deltas, Instant.parse("2026-03-01T10:29:00Z")).healthy()).isTrue();
    assertThat(check(deltas, Instant.parse("2026-03-01T10:31:00Z")).stale()).isTrue();
  }

  @Test
  void aFailedLastRunIsUnhealthyUntilARunSucceeds() {
    Health.Schedule nightly = new Health.Schedule("0 0 2 * * ?", null);
    health.record(run("succeeded", Instant.parse("2026-03-01T02:10:00Z")));
    health.record(run("failed", Instant.parse("2026-03-01T03:00:00Z")));
    assertThat(check(nightly, Instant.parse("2026-03-01T04:00:00Z")).healthy()).isFalse();
    health.record(run("held", Instant.parse("2026-03-01T05:00:00Z")));
    assertThat(check(nightly, Instant.parse("2026-03-01T05:00:01Z")).healthy()).as("held alone is not failing").isTrue();
  }
}
