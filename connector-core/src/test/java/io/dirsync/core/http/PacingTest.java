package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Client-side pacing. resilience4j's rate limiter keeps its own monotonic time (its periods start
 * when it is made), so these waits are checked against the real time that passed: with a sleeper
 * that returns at once, the n-th request is told to wait until its own slot, n periods after the
 * limiter was made, however slow the machine.
 */
class PacingTest {

  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void requestsAreSpacedAtTheConfiguredRate() throws Exception {
    long made = System.nanoTime();
    DirectoryResilience r = new DirectoryResilience("contoso", RetryConfig.NO_RETRIES, new RateLimitConfig(10d, 0),
        Clock.systemUTC(), sleeper);
    r.beginRun();
    for (int i = 0; i < 5; i++) {
      r.call("users page " + i, () -> "ok");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - made);
    List<Duration> waits = sleeper.waits();
    assertThat(waits).isNotEmpty();
    Duration last = waits.get(waits.size() - 1);
    assertThat(last).isLessThanOrEqualTo(Duration.ofMillis(400));
    assertThat(last.plus(elapsed)).as("the fifth request starts 4 periods of 100 ms in")
        .isGreaterThanOrEqualTo(Duration.ofMillis(399));
    assertThat(r.meter().pacedWaited()).isPositive();
    assertThat(r.meter().retries()).isZero();
  }

  @Test
  void resourceUnitsAreBudgetedPer10Seconds() throws Exception {
    long made = System.nanoTime();
    DirectoryResilience r = new DirectoryResilience("contoso", RetryConfig.NO_RETRIES, new RateLimitConfig(0d, 10),
        Clock.systemUTC(), sleeper);
    r.call("members of group 1", 5, () -> "ok");
    r.call("members of group 2", 5, () -> "ok");
    assertThat(sleeper.waits()).as("10 RU fit in the first window").isEmpty();
    r.call("members of group 3", 5, () -> "ok");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - made);
    assertThat(sleeper.waits()).hasSize(1);
    assertThat(sleeper.waits().get(0)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    assertThat(sleeper.waits().get(0).plus(elapsed)).as("waits for the second window")
        .isGreaterThanOrEqualTo(Duration.ofMillis(9_999));
  }

  @Test
  void concurrentRequestsShareOneBudget() throws Exception {
    long made = System.nanoTime();
    DirectoryResilience r = new DirectoryResilience("acme", RetryConfig.NO_RETRIES, new RateLimitConfig(2d, 0),
        Clock.systemUTC(), sleeper);
    int workers = 4;
    CountDownLatch done = new CountDownLatch(workers);
    for (int i = 0; i < workers; i++) {
      new Thread(() -> {
        try {
          r.call("members", () -> "ok");
        } catch (Exception e) {
          throw new AssertionError(e);
        } finally {
          done.countDown();
        }
      }).start();
    }
    done.await();
    Duration elapsed = Duration.ofNanos(System.nanoTime() - made);
    List<Duration> waits = sleeper.waits().stream().sorted().toList();
    assertThat(waits).isNotEmpty();
    Duration longest = waits.get(waits.size() - 1);
    assertThat(longest).isLessThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(longest.plus(elapsed)).as("the last of 4 at 2/s starts 3 periods of 500 ms in")
        .isGreaterThanOrEqualTo(Duration.ofMillis(1499));
  }
}
