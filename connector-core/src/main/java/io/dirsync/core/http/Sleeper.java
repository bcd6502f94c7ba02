package io.dirsync.core.http;

import java.time.Duration;

/**
 * How the retry layer waits. Production uses {@link #SYSTEM}; tests pass a fake that records each
 * wait and returns at once, so the delays chosen are asserted exactly and no test sleeps. The only
 * place in the HTTP layer where a thread is put to sleep.
 */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the current thread. */
  Sleeper SYSTEM = d -> {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    }
  };

  /**
   * Waits {@code duration}.
   *
   * @throws InterruptedException when interrupted; the caller stops and lets it propagate
   */
  void sleep(Duration duration) throws InterruptedException;
}
