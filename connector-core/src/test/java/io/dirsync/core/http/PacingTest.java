package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Client-side pacing. resilience4j's rate limiter keeps its own monotonic time, so these waits are
 * checked as bounds: with a sleeper that returns at once, the n-th request is told to wait until its
 * own slot, n periods after the first.
 */
class PacingTest {

  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void requestsAreSpacedAtTheConfiguredRate() throws Exception {
    DirectoryResilience r = new DirectoryResilience("contoso", RetryConfig.NO_RETRIES, new RateLimitConfig(10d, 0),
        Clock.systemUTC(), sleeper);
    r.beginRun();
    for (int i = 0; i < 5; i++) {
      r.call("users page " + i, () -> "ok");
    }
    List<Duration> waits = sleeper.waits();
    assertThat(waits.size()).isBetween(3, 5);
    assertThat(waits.get(waits.size() - 1)).isBetween(Duration.ofMillis(250), Duration.ofMillis(400));
    assertThat(r.meter().pacedWaited()).isPositive();
    assertThat(r.meter().retries()).isZero();
  }

  @Test
  void resourceUnitsAreBudgetedPer10Seconds() throws Exception {
    DirectoryResilience r = new DirectoryResilience("contoso", RetryConfig.NO_RETRIES, new RateLimitConfig(0d, 10),
        Clock.systemUTC(), sleeper);
    r.call("members of group 1", 5, () -> "ok");
    r.call("members of group 2", 5, () -> "ok");
    assertThat(sleeper.waits()).as("10 RU fit in the first window").isEmpty();
    r.call("members of group 3", 5, () -> "ok");
    assertThat(sleeper.waits()).hasSize(1);
    assertThat(sleeper.waits().get(0)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  @Test
  void concurrentRequestsShareOneBudget() throws Exception {
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
    List<Duration> waits = sleeper.waits().stream().sorted().toList();
    assertThat(waits).hasSizeGreaterThanOrEqualTo(workers - 1);
    assertThat(waits.get(waits.size() - 1)).as("the last of 4 at 2/s starts about 1.5 s after the first")
        .isBetween(Duration.ofMillis(1000), Duration.ofMillis(1500));
  }
}
