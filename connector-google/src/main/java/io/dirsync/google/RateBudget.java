package io.dirsync.google;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A client-side pace shared by every request of one directory, so that concurrent member listings
 * together stay within the per-minute quota instead of tripping it. Requests are spaced evenly,
 * {@code 60 s / perMinute} apart, with no burst: no minute-long window ever holds more than
 * {@code perMinute} requests, and an idle budget saves nothing up. Thread-safe: each caller reserves
 * the next free slot under a lock and waits for it outside.
 */
final class RateBudget {

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration interval;
  private Instant nextFree;

  RateBudget(int perMinute, Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.interval = Duration.ofNanos(60_000_000_000L / perMinute);
    this.nextFree = clock.instant();
  }

  /** Waits until this caller may send one request. */
  void acquire() throws InterruptedException {
    Instant slot;
    synchronized (this) {
      Instant now = clock.instant();
      if (nextFree.isBefore(now)) {
        nextFree = now;
      }
      slot = nextFree;
      nextFree = nextFree.plus(interval);
    }
    if (slot.isAfter(clock.instant())) {
      sleeper.sleepUntil(slot);
    }
  }
}
