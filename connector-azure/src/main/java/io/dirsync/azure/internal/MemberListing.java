package io.dirsync.azure.internal;

import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.ConnectorException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the members of many groups with at most {@code maxConcurrency} groups in flight. Every
 * request still goes through the directory's one retry-and-pacing layer (its {@link GraphReader}),
 * so concurrent listings share one request and resource-unit budget, one retry budget and one
 * breaker. Pages travel through a small bounded queue to the calling thread, which alone hands them
 * on (a {@link io.dirsync.core.spi.FullListingSink} is not thread-safe). The first failure stops
 * every worker, and a failed listing returns only once every worker has ended; an interrupt of the
 * calling thread stops the workers and returns at once.
 */
final class MemberListing {

  /** Lists the members of one group, page by page; runs on a worker thread. */
  @FunctionalInterface
  interface GroupMembers {
    void list(String groupId, PageOut out) throws ConnectorException, InterruptedException;
  }

  /** Where a worker puts a page; blocks while the calling thread is behind. */
  @FunctionalInterface
  interface PageOut {
    void page(List<Membership> page) throws InterruptedException;
  }

  /** Receives the pages on the calling thread, in any order and interleaving across groups. */
  @FunctionalInterface
  interface PageIn {
    void page(List<Membership> page) throws ConnectorException, InterruptedException;
  }

  /** What a worker hands the calling thread. */
  private sealed interface Message {
  }

  private record Page(List<Membership> memberships) implements Message {
  }

  private record Done() implements Message {
  }

  private record Failed(Throwable error) implements Message {
  }

  private static final Logger LOG = LoggerFactory.getLogger(MemberListing.class);
  private static final Duration STOP_WAIT = Duration.ofMinutes(5);

  private final int maxConcurrency;
  private final String directoryId;

  MemberListing(int maxConcurrency, String directoryId) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    this.maxConcurrency = maxConcurrency;
    this.directoryId = directoryId;
  }

  void listAll(List<String> groupIds, GroupMembers source, PageIn in) throws ConnectorException, InterruptedException {
    if (groupIds.isEmpty()) {
      return;
    }
    int workers = Math.min(maxConcurrency, groupIds.size());
    BlockingQueue<Message> queue = new ArrayBlockingQueue<>(workers * 2);
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stopped = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "dirsync-azure-members-" + directoryId);
      t.setDaemon(true);
      return t;
    });
    boolean interrupted = false;
    try {
      for (int w = 0; w < workers; w++) {
        pool.execute(() -> work(groupIds, next, source, queue, stopped));
      }
      int done = 0;
      while (done < workers) {
        Message m = queue.take();
        if (m instanceof Page p) {
          in.page(p.memberships());
        } else if (m instanceof Done) {
          done++;
        } else if (m instanceof Failed f) {
          throw rethrow(f.error());
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      throw e;
    } finally {
      // set before the workers are interrupted, so they end without a word
      stopped.set(true);
      pool.shutdownNow();
      if (!interrupted) {
        awaitWorkers(pool);
      }
    }
  }

  /**
   * Waits until every (interrupted) worker has ended, so that a listing that failed never leaves
   * requests, retries or waits running against the directory after its run has ended: the retry
   * layer starts no attempt once interrupted, and a request in flight ends with its answer or the
   * client's timeouts. Bounded anyway; an interrupt of the calling thread ends the wait at once.
   */
  private void awaitWorkers(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("directory={} a member listing worker did not stop within {}s; it ends with its request's timeout",
            directoryId, STOP_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void work(List<String> groupIds, AtomicInteger next, GroupMembers source,
      BlockingQueue<Message> queue, AtomicBoolean stopped) {
    Message last = new Done();
    try {
      for (int i = next.getAndIncrement(); i < groupIds.size(); i = next.getAndIncrement()) {
        source.list(groupIds.get(i), page -> queue.put(new Page(page)));
      }
    } catch (InterruptedException e) {
      if (stopped.get()) {
        // the calling thread stopped the listing (a failure elsewhere, or its own interrupt): just end
        return;
      }
      // an interrupt nobody asked for must still reach the calling thread, or it would wait forever
      last = new Failed(e);
    } catch (Exception | Error e) {
      last = new Failed(e);
    }
    try {
      queue.put(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The worker's failure, re-made on the calling thread (so its trace shows both) when it is ours. */
  private static RuntimeException rethrow(Throwable e) throws ConnectorException {
    if (e instanceof ConnectorException c) {
      throw new ConnectorException(c.kind(), c.getMessage(), c.retryAfter().orElse(null), c);
    }
    if (e instanceof InterruptedException) {
      throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "a member listing was interrupted", e);
    }
    if (e instanceof RuntimeException r) {
      return r;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return new IllegalStateException(e);
  }
}
