package io.dirsync.google;

import java.time.Duration;

/** Waits; a dependency so tests of pacing need not wait. */
@FunctionalInterface
interface Sleeper {

  Sleeper SYSTEM = d -> {
    if (!d.isNegative() && !d.isZero()) {
      Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
    }
  };

  void sleep(Duration duration) throws InterruptedException;
}
