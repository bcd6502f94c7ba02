package io.dirsync.google;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Waits until an instant of a clock; a dependency so tests of pacing run on simulated time. */
@FunctionalInterface
interface Sleeper {

  void sleepUntil(Instant deadline) throws InterruptedException;

  /** Really waits, until {@code clock} reaches the deadline. */
  static Sleeper system(Clock clock) {
    return deadline -> {
      for (Duration d = Duration.between(clock.instant(), deadline); d.compareTo(Duration.ZERO) > 0;
          d = Duration.between(clock.instant(), deadline)) {
        Thread.sleep(Math.max(1, d.toMillis()));
      }
    };
  }
}
