package io.dirsync.core.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the retry layer did during one run of one directory, for the run record and
 * {@code status --json}. Made by {@link DirectoryResilience#beginRun()}. Thread-safe: concurrent
 * requests of the run count into the same meter.
 */
public final class RunMeter {

  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicInteger throttled = new AtomicInteger();
  private final AtomicLong retryWaitNanos = new AtomicLong();
  private final AtomicLong paceWaitNanos = new AtomicLong();

  RunMeter() {
  }

  /** Requests repeated after a failure. */
  public int retries() {
    return retries.get();
  }

  /** Responses in which the source said it was throttling ({@code RATE_LIMITED}). */
  public int throttled() {
    return throttled.get();
  }

  /** Total time waited: before retries and for pacing. */
  public Duration waited() {
    return retryWaited().plus(pacedWaited());
  }

  /** Time waited before retries; what {@link RetryConfig#budget()} limits. */
  public Duration retryWaited() {
    return Duration.ofNanos(retryWaitNanos.get());
  }

  /** Time waited by the client-side rate limiter. */
  public Duration pacedWaited() {
    return Duration.ofNanos(paceWaitNanos.get());
  }

  void throttledResponse() {
    throttled.incrementAndGet();
  }

  /**
   * Reserves {@code wait} of the budget for a retry; false (nothing reserved) when it would exceed it.
   * The retry counts once {@link #retried} says its wait was served; {@link #cancelRetry} gives the
   * reservation back when the wait was interrupted (the run stopped, so nothing was repeated).
   */
  boolean reserveRetry(Duration wait, Duration budget) {
    long add = wait.toNanos();
    long limit = budget.toNanos();
    while (true) {
      long now = retryWaitNanos.get();
      if (now + add > limit) {
        return false;
      }
      if (retryWaitNanos.compareAndSet(now, now + add)) {
        return true;
      }
    }
  }

  void retried() {
    retries.incrementAndGet();
  }

  void cancelRetry(Duration wait) {
    retryWaitNanos.addAndGet(-wait.toNanos());
  }

  void paced(long nanos) {
    paceWaitNanos.addAndGet(nanos);
  }

  @Override
  public String toString() {
    return "retries=" + retries() + " throttled=" + throttled() + " waitedMs=" + waited().toMillis();
  }
}
