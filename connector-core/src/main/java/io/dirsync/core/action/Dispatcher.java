package io.dirsync.core.action;

import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox to each sink from that sink's own position, in commit order, in batches.
 * A sink that fails stops at the failing batch (order is kept; nothing is skipped) and the other
 * sinks go on.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  static final int BATCH = 500;

  private final StateStore store;
  private final Clock clock;

  public Dispatcher(StateStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What one dispatch achieved. */
  public record Result(long delivered, List<String> failedSinks) {
    public boolean complete() {
      return failedSinks.isEmpty();
    }
  }

  public Result deliverAll(List<? extends ActionSink> sinks) {
    long delivered = 0;
    List<String> failed = new ArrayList<>();
    for (ActionSink sink : sinks) {
      long pos = store.position(sink.id());
      while (true) {
        List<OutboxEntry> batch = store.after(pos, BATCH);
        if (batch.isEmpty()) {
          break;
        }
        try {
          sink.deliver(batch);
        } catch (SinkException e) {
          LOG.error("sink={} could not take {} actions from seq {}; they stay queued: {}",
              sink.id(), batch.size(), batch.get(0).seq(), e.getMessage());
          failed.add(sink.id());
          break;
        }
        pos = batch.get(batch.size() - 1).seq();
        store.advance(sink.id(), pos, clock.instant());
        delivered += batch.size();
      }
    }
    return new Result(delivered, failed);
  }
}
