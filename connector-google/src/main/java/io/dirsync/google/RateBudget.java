package io.dirsync.google;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A client-side pace shared by every request of one directory, so that concurrent member listings
 * together stay within the per-minute quota instead of tripping it. Requests are spaced evenly
 * ({@code 60 s / perMinute} apart) after a burst of at most one second's worth. Thread-safe: each
 * caller reserves the next free slot under a lock and waits for it outside.
 */
final class RateBudget {

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;
  private final Duration burst;
  private Instant nextFree;

  RateBudget(int perMinute, Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = Duration.ofNanos(60_000_000_000L / perMinute);
    this.burst = interval.multipliedBy(Math.max(1, perMinute / 60));
    this.nextFree = clock.instant().minus(burst);
  }

  /** Waits until this caller may send one request. */
  void acquire() throws InterruptedException {
    Instant slot;
    synchronized (this) {
      Instant now = clock.instant();
      Instant earliest = now.minus(burst);
      if (nextFree.isBefore(earliest)) {
        nextFree = earliest;
      }
      slot = nextFree;
      nextFree = nextFree.plus(interval);
    }
    Duration wait = Duration.between(clock.instant(), slot);
    if (!wait.isNegative() && !wait.isZero()) {
      sleeper.sleep(wait);
    }
  }
}
