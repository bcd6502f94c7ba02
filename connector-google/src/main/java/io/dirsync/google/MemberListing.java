package io.dirsync.google;

import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.FullListingSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the members of many groups with at most {@code maxConcurrency} listings in flight, all
 * drawing on the directory's one {@link RateBudget}. Pages travel through a small bounded queue to
 * the calling thread, which alone talks to the sink; the first failure stops every worker, and the
 * listing returns only once every worker has ended.
 */
final class MemberListing {

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

  private final DirectoryPages pages;
  private final NestedGroups nesting;
  private final int maxConcurrency;
  private final String directoryId;

  MemberListing(DirectoryPages pages, NestedGroups nesting, int maxConcurrency, String directoryId) {
    this.pages = pages;
    this.nesting = nesting;
    this.maxConcurrency = maxConcurrency;
    this.directoryId = directoryId;
  }

  /** @return how many memberships were delivered */
  long listAll(List<String> groupIds, FullListingSink sink) throws ConnectorException, InterruptedException {
    if (groupIds.isEmpty()) {
      return 0;
    }
    int workers = Math.min(maxConcurrency, groupIds.size());
    BlockingQueue<Message> queue = new ArrayBlockingQueue<>(workers * 2);
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "dirsync-google-members-" + directoryId);
      t.setDaemon(true);
      return t;
    });
    long delivered = 0;
    boolean interrupted = false;
    try {
      for (int w = 0; w < workers; w++) {
        pool.execute(() -> work(groupIds, next, queue));
      }
      int done = 0;
      while (done < workers) {
        Message m = queue.take();
        if (m instanceof Page p) {
          sink.memberships(p.memberships());
          delivered += p.memberships().size();
        } else if (m instanceof Done) {
          done++;
        } else if (m instanceof Failed f) {
          throw rethrow(f.error());
        }
      }
      return delivered;
    } catch (InterruptedException e) {
      interrupted = true;
      throw e;
    } finally {
      pool.shutdownNow();
      if (!interrupted) {
        awaitWorkers(pool);
      }
    }
  }

  /**
   * Waits until every (interrupted) worker has ended, so that a listing that failed never leaves
   * requests, retries or waits running against the directory after its run has ended: each worker
   * ends after its request in flight, which the client's timeouts bound, because the retry layer
   * starts no attempt once interrupted. The wait is bounded anyway, and an interrupt of the calling
   * thread (shutdown) ends it at once, as it does the listing.
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

  private void work(List<String> groupIds, AtomicInteger next, BlockingQueue<Message> queue) {
    Message last = new Done();
    try {
      for (int i = next.getAndIncrement(); i < groupIds.size(); i = next.getAndIncrement()) {
        listGroup(groupIds.get(i), queue);
      }
    } catch (InterruptedException e) {
      // the calling thread stopped the listing (a failure elsewhere, or its own interrupt): just end
      return;
    } catch (Exception | Error e) {
      // anything else must reach the calling thread, or it would wait for this worker forever
      last = new Failed(e);
    }
    try {
      queue.put(last);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void listGroup(String groupId, BlockingQueue<Message> queue) throws ConnectorException, InterruptedException {
    boolean flatten = nesting == NestedGroups.FLATTEN;
    Set<String> seen = new HashSet<>();
    String token = null;
    int index = 0;
    do {
      String op = "members.list of group " + groupId + " page " + index;
      Members page = pages.members(groupId, flatten, token, op);
      List<Membership> out = new ArrayList<>();
      if (page.getMembers() != null) {
        for (Member m : page.getMembers()) {
          Membership ms = GoogleMapping.membership(groupId, m, nesting);
          if (ms != null && seen.add(ms.memberId())) {
            out.add(ms);
          }
        }
      }
      if (!out.isEmpty()) {
        queue.put(new Page(out));
      }
      token = Paging.next(token, page.getNextPageToken(), op);
      index++;
    } while (token != null);
  }

  /** The worker's failure, re-made on the calling thread (so its trace shows both) when it is ours. */
  private static RuntimeException rethrow(Throwable e) throws ConnectorException {
    if (e instanceof ConnectorException c) {
      throw new ConnectorException(c.kind(), c.getMessage(), c.retryAfter().orElse(null), c);
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
