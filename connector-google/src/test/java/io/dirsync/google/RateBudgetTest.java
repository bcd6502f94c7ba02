package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RateBudgetTest {

  /** Time that only moves when the budget sleeps. */
  static final class SleepingClock implements Sleeper {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanos() {
      return Duration.between(Instant.EPOCH, now).toNanos();
    }

    @Override
    public synchronized void sleepUntil(long deadline) {
      Instant at = Instant.EPOCH.plusNanos(deadline);
      sleeps.add(Duration.between(now, at));
      now = at;
    }

    Instant instant() {
      return now;
    }
  }

  @Test
  void spacesRequestsEvenly() throws Exception {
    SleepingClock clock = new SleepingClock();
    RateBudget budget = new RateBudget(120, clock);
    budget.acquire();
    assertThat(clock.sleeps).isEmpty();
    for (int i = 0; i < 4; i++) {
      budget.acquire();
    }
    assertThat(clock.sleeps).hasSize(4).allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMillis(500)));
  }

  @Test
  void neverExceedsTheQuotaInAnyMinute() throws Exception {
    SleepingClock clock = new SleepingClock();
    RateBudget budget = new RateBudget(2400, clock);
    List<Instant> sent = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      budget.acquire();
      sent.add(clock.instant());
    }
    for (int i = 0; i + 2401 < sent.size(); i += 97) {
      Instant windowEnd = sent.get(i).plus(Duration.ofMinutes(1));
      long inWindow = sent.stream().skip(i).takeWhile(t -> t.isBefore(windowEnd)).count();
      assertThat(inWindow).isLessThanOrEqualTo(2400);
    }
    assertThat(Duration.between(sent.get(0), sent.get(sent.size() - 1))).isGreaterThan(Duration.ofMinutes(4));
  }

  @Test
  void anIdleBudgetSavesNothingUp() throws Exception {
    SleepingClock clock = new SleepingClock();
    RateBudget budget = new RateBudget(60, clock);
    clock.now = clock.now.plus(Duration.ofHours(1));
    budget.acquire();
    budget.acquire();
    assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1));
  }
}
