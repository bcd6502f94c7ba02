package io.dirsync.core.spi;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs two independent parts of a full listing at once, for connectors: one on a thread of its own
 * (typically the users), one on the calling thread (the groups, then their members), both feeding
 * the sink one call at a time as {@link FullListingSink} requires. The users listing is a single
 * stream of pages; run alone before the groups it leaves the directory's request budget idle while
 * it waits for each page, which under a quota or real latency is time the bound does not need.
 *
 * <p>The first failure stops the other part: a failure of the side part interrupts the calling
 * thread and is what {@link #run} throws; a failure of the main part stops the side part, waits for
 * it to end and is thrown. An interrupt of the calling thread from outside stops the side part and
 * returns at once, as {@link ConcurrentListing} does.
 */
public final class ParallelListing {

  /** One part of a listing. */
  @FunctionalInterface
  public interface Part {
    void run(FullListingSink sink) throws ConnectorException, InterruptedException;
  }

  private ParallelListing() {
  }

  /** Runs {@code side} on a thread named {@code threadName} and {@code main} here; returns once both ended. */
  public static void run(String threadName, FullListingSink sink, Part side, Part main)
      throws ConnectorException, InterruptedException {
    FullListingSink serial = serialized(sink);
    Thread caller = Thread.currentThread();
    AtomicBoolean stopped = new AtomicBoolean();
    AtomicReference<Throwable> sideFailure = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        side.run(serial);
      } catch (ConnectorException | InterruptedException | RuntimeException | Error e) {
        if (!stopped.get()) {
          sideFailure.set(e);
          caller.interrupt();
        }
      }
    }, threadName);
    worker.setDaemon(true);
    worker.start();
    boolean fromOutside = false;
    try {
      main.run(serial);
      worker.join();
    } catch (InterruptedException e) {
      if (sideFailure.get() == null) {
        fromOutside = true;
        throw e;
      }
      // the side part failed and interrupted this thread: its failure is thrown below
    } catch (ConnectorException | RuntimeException | Error e) {
      if (sideFailure.get() == null) {
        throw e;
      }
      // failed because the side part's failure interrupted it: the side part's is the cause
    } finally {
      stopped.set(true);
      worker.interrupt();
      if (!fromOutside) {
        joinQuietly(worker);
        if (sideFailure.get() != null) {
          Thread.interrupted(); // the interrupt came from the side part, which has ended: clear it
        }
      }
    }
    Throwable failure = sideFailure.get();
    if (failure != null) {
      throw rethrow(failure);
    }
  }

  private static void joinQuietly(Thread worker) {
    boolean interrupted = false;
    while (worker.isAlive()) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static RuntimeException rethrow(Throwable e) throws ConnectorException, InterruptedException {
    if (e instanceof ConnectorException c) {
      throw new ConnectorException(c.kind(), c.getMessage(), c.retryAfter().orElse(null), c);
    }
    if (e instanceof InterruptedException) {
      throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "a listing was interrupted", e);
    }
    if (e instanceof Error err) {
      throw err;
    }
    return (RuntimeException) e;
  }

  /** The sink, one call at a time whichever thread calls. */
  static FullListingSink serialized(FullListingSink sink) {
    return new FullListingSink() {
      @Override
      public synchronized void users(List<User> page) throws InterruptedException {
        sink.users(page);
      }

      @Override
      public synchronized void groups(List<Group> page) throws InterruptedException {
        sink.groups(page);
      }

      @Override
      public synchronized void memberships(List<Membership> page) throws InterruptedException {
        sink.memberships(page);
      }
    };
  }
}
