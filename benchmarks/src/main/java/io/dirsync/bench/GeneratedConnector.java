package io.dirsync.bench;

import io.dirsync.core.model.User;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.ListingResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A full-listing connector over a {@link GeneratedDirectory}: users in pages of {@value #PAGE_SIZE},
 * generated as they are pushed, so the connector holds one page at most. No groups, no memberships
 * (the benchmark is about users). Records how long the listing took and how much of that was spent
 * in the engine's sink (writing the page to the run's staging file).
 */
public final class GeneratedConnector implements FullListing {

  /** Graph's largest page is 999 users. */
  public static final int PAGE_SIZE = 999;

  /** Which state of the directory to list. */
  public enum State { BEFORE, CURRENT }

  private final GeneratedDirectory directory;
  private final State state;
  private long listNanos;
  private long sinkNanos;
  private long listed;

  public GeneratedConnector(GeneratedDirectory directory, State state) {
    this.directory = directory;
    this.state = state;
  }

  @Override
  public ListingResult listAll(FullListingSink sink) throws InterruptedException {
    long start = System.nanoTime();
    long inSink = 0;
    long count = 0;
    List<User> page = new ArrayList<>(PAGE_SIZE + 1);
    for (long i = 0; i < directory.size(); i++) {
      if (state == State.BEFORE) {
        page.add(directory.before(i));
      } else {
        User u = directory.current(i);
        if (u != null) {
          page.add(u);
        }
        if (GeneratedDirectory.change(i) == GeneratedDirectory.Change.CREATE_NEIGHBOUR) {
          page.add(directory.created(i));
        }
      }
      if (page.size() >= PAGE_SIZE) {
        count += page.size();
        inSink += push(sink, page);
        page = new ArrayList<>(PAGE_SIZE + 1);
      }
    }
    if (!page.isEmpty()) {
      count += page.size();
      inSink += push(sink, page);
    }
    listed = count;
    sinkNanos = inSink;
    listNanos = System.nanoTime() - start;
    return ListingResult.complete(null);
  }

  private static long push(FullListingSink sink, List<User> page) throws InterruptedException {
    long t = System.nanoTime();
    sink.users(page);
    return System.nanoTime() - t;
  }

  /** Wall time of the last listing, sink calls included. */
  public long listNanos() {
    return listNanos;
  }

  /** Of {@link #listNanos()}, the time spent inside the engine's sink. */
  public long sinkNanos() {
    return sinkNanos;
  }

  /** Users pushed by the last listing. */
  public long listed() {
    return listed;
  }

  @Override
  public String toString() {
    return "generated directory of " + directory.size() + " users, " + state;
  }
}
