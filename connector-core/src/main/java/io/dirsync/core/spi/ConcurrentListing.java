package io.dirsync.core.spi;

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
 * Lists many keyed listings (the members of each of many groups) with at most {@code maxConcurrency}
 * in flight, for connectors. Every request still goes through the directory's one retry-and-pacing
 * layer ({@link io.dirsync.core.http.DirectoryResilience}), so concurrent listings share one request
 * budget, one retry budget and one breaker. Pages travel through a small bounded queue to the calling
 * thread, which alone hands them on (a {@link FullListingSink} is not thread-safe). The first failure
 * stops every worker, and a failed listing returns only once every worker has ended, so no request,
 * retry or wait of a failed run outlives it; an interrupt of the calling thread stops the workers and
 * returns at once.
 *
 * @param <T> what a page holds
 */
public final class ConcurrentListing<T> {

  /** Lists one key's items, page by page; runs on a worker thread. */
  @FunctionalInterface
  public interface Source<T> {
    void list(String key, PageOut<T> out) throws ConnectorException, InterruptedException;
  }

  /** Where a worker puts a page; blocks while the calling thread is behind. */
  @FunctionalInterface
  public interface PageOut<T> {
    void page(List<T> page) throws InterruptedException;
  }

  /** Receives the pages on the calling thread, in any order and interleaving across keys. */
  @FunctionalInterface
  public interface PageIn<T> {
    void page(List<T> page) throws ConnectorException, InterruptedException;
  }

  /** What a worker hands the calling thread. */
  private sealed interface Message {
  }

  private record Page(List<?> items) implements Message {
  }

  private record Done() implements Message {
  }

  private record Failed(Throwable error) implements Message {
  }

  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentListing.class);
  private static final Duration STOP_WAIT = Duration.ofMinutes(5);

  private final int maxConcurrency;
  private final String threadName;
  private final String what;

  /**
   * @param threadName the workers' name, e.g. {@code dirsync-azure-members-<directory>}
   * @param what what is listed, for a log line ("member listing of directory contoso")
   */
  public ConcurrentListing(int maxConcurrency, String threadName, String what) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1");
    }
    this.maxConcurrency = maxConcurrency;
    this.threadName = threadName;
    this.what = what;
  }

  /** Lists every key's items; returns when all are listed, or throws the first failure. */
  public void listAll(List<String> keys, Source<T> source, PageIn<T> in) throws ConnectorException, InterruptedException {
    if (keys.isEmpty()) {
      return;
    }
    int workers = Math.min(maxConcurrency, keys.size());
    BlockingQueue<Message> queue = new ArrayBlockingQueue<>(workers * 2);
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stopped = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    boolean interrupted = false;
    try {
      for (int w = 0; w < workers; w++) {
        pool.execute(() -> work(keys, next, source, queue, stopped));
      }
      int done = 0;
      while (done < workers) {
        Message m = queue.take();
        if (m instanceof Page p) {
          @SuppressWarnings("unchecked") // only work() below makes pages, from a Source<T>
          List<T> items = (List<T>) p.items();
          in.page(items);
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
        LOG.warn("{}: a worker did not stop within {}s; it ends with its request's timeout", what,
            STOP_WAIT.toSeconds());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> void work(List<String> keys, AtomicInteger next, Source<T> source,
      BlockingQueue<Message> queue, AtomicBoolean stopped) {
    Message last = new Done();
    try {
      for (int i = next.getAndIncrement(); i < keys.size(); i = next.getAndIncrement()) {
        source.list(keys.get(i), page -> queue.put(new Page(page)));
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
  private RuntimeException rethrow(Throwable e) throws ConnectorException {
    if (e instanceof ConnectorException c) {
      throw new ConnectorException(c.kind(), c.getMessage(), c.retryAfter().orElse(null), c);
    }
    if (e instanceof InterruptedException) {
      throw new ConnectorException(ConnectorException.Kind.TRANSIENT, what + " was interrupted", e);
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
