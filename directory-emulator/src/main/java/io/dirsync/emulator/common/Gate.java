package io.dirsync.emulator.common;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds requests to one resource of an emulator until {@link #release()} (the Graph and Google
 * emulators' {@code faults().hold(...)}), so a test can see how many requests a client has in flight
 * at once without timing anything.
 */
public final class Gate {
  private final CountDownLatch open = new CountDownLatch(1);
  private final AtomicInteger waiting = new AtomicInteger();

  /** Requests currently held. */
  public int waiting() {
    return waiting.get();
  }

  /** Lets every held and future request through. */
  public void release() {
    open.countDown();
  }

  /** For the emulators: whether held requests may go. */
  public boolean isOpen() {
    return open.getCount() == 0;
  }

  /** For the emulators: holds the calling request thread until released. */
  public void pass() throws InterruptedException {
    waiting.incrementAndGet();
    try {
      // bounded so a forgotten gate cannot hang a build forever
      if (!open.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("gate never released");
      }
    } finally {
      waiting.decrementAndGet();
    }
  }
}
