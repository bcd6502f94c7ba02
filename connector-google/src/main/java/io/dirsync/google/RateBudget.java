package io.dirsync.google;

/**
 * A client-side pace shared by every request of one directory, so that concurrent member listings
 * together stay within the per-minute quota instead of tripping it. Requests are spaced evenly,
 * {@code 60 s / perMinute} apart, with no burst: no minute-long window ever holds more than
 * {@code perMinute} requests, and an idle budget saves nothing up. Thread-safe: each caller reserves
 * the next free slot under a lock and waits for it outside.
 */
final class RateBudget {

  private final Sleeper time;
  private final long interval;
  private long nextFree;

  RateBudget(int perMinute, Sleeper time) {
    this.time = time;
    this.interval = 60_000_000_000L / perMinute;
    this.nextFree = time.nanos();
  }

  /** Waits until this caller may send one request. */
  void acquire() throws InterruptedException {
    long slot;
    synchronized (this) {
      long now = time.nanos();
      if (nextFree - now < 0) {
        nextFree = now;
      }
      slot = nextFree;
      nextFree += interval;
    }
    if (slot - time.nanos() > 0) {
      time.sleepUntil(slot);
    }
  }
}
