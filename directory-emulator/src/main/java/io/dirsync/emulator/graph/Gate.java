package io.dirsync.emulator.graph;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds Graph requests to one resource until {@link #release()} ({@link GraphFaults#hold(String)}),
 * so a test can see how many requests a client has in flight at once without timing anything.
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

  void pass() throws InterruptedException {
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
