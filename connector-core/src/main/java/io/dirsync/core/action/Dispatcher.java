package io.dirsync.core.action;

import io.dirsync.core.snapshot.DeliveryState;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: for each sink and each directory with something to deliver (found in one
 * query, see {@link StateStore#queuesToDeliver}), from that queue's own position, in commit
 * order, in batches. An action is offered only after the one before it was acknowledged. A failure
 * stops that queue alone: a retryable one (receiver down, 429, 5xx) is tried again after a backoff
 * that honours Retry-After; a refusal (4xx) parks the queue until an operator runs
 * {@code dirsync outbox retry} or {@code skip}. Nothing is ever skipped silently.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final StateStore store;
  private final Clock clock;

  public Dispatcher(StateStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * What one dispatch achieved.
   *
   * @param failedSinks sinks that left actions queued in some directory (retrying, waiting or parked)
   * @param parked queues waiting for an operator
   */
  public record Result(long delivered, List<String> failedSinks, List<Queue> parked) {
    public boolean complete() {
      return failedSinks.isEmpty();
    }
  }

  /** One sink's queue of one directory. */
  public record Queue(String sink, String directory) {}

  /** Delivers what is due; queues waiting for their backoff are skipped. */
  public Result deliverAll(List<? extends ActionSink> sinks) {
    return deliver(sinks, false);
  }

  /**
   * @param now true to try queues still waiting for their backoff too (an operator's {@code sync});
   *     parked queues stay parked
   */
  public Result deliver(List<? extends ActionSink> sinks, boolean now) {
    List<String> all = sinks.stream().map(ActionSink::id).toList();
    long delivered = 0;
    List<String> failed = new ArrayList<>();
    List<Queue> parked = new ArrayList<>();
    Map<String, ActionSink> byId = new HashMap<>();
    sinks.forEach(s -> byId.put(s.id(), s));
    for (DeliveryState state : store.queuesToDeliver(all)) {
      ActionSink sink = byId.get(state.sink());
      String directory = state.directory();
      if (state.parked()) {
        parked.add(new Queue(sink.id(), directory));
        addOnce(failed, sink.id());
        continue;
      }
      if (!now && state.nextAttemptAt() != null && state.nextAttemptAt().isAfter(clock.instant())) {
        addOnce(failed, sink.id());
        continue;
      }
      long pos = state.seq();
      int attempts = state.attempts();
      while (true) {
        List<OutboxEntry> batch = store.after(directory, pos, Math.max(1, sink.maxBatch()));
        if (batch.isEmpty()) {
          break;
        }
        try {
          sink.deliver(batch);
        } catch (SinkException e) {
          addOnce(failed, sink.id());
          if (e.parks()) {
            store.failed(sink.id(), directory, null, e.getMessage(), batch.get(0).seq());
            parked.add(new Queue(sink.id(), directory));
            LOG.error("sink={} directory={} PARKED at action {} (seq {}): {}", sink.id(), directory, batch.get(0).id(),
                batch.get(0).seq(), e.getMessage());
          } else {
            Instant next = clock.instant().plus(backoff(attempts + 1, e));
            store.failed(sink.id(), directory, next, e.getMessage(), null);
            LOG.warn("sink={} directory={} could not take {} actions from seq {} (attempt {}), retrying after {}: {}",
                sink.id(), directory, batch.size(), batch.get(0).seq(), attempts + 1, next, e.getMessage());
          }
          break;
        }
        pos = batch.get(batch.size() - 1).seq();
        attempts = 0;
        store.advance(sink.id(), directory, pos, clock.instant(), all);
        delivered += batch.size();
      }
    }
    return new Result(delivered, failed, parked);
  }

  static Duration backoff(int attempts, SinkException e) {
    Duration exp = Duration.ofSeconds(1L << Math.min(attempts, 9));
    Duration wait = e.retryAfter().filter(d -> !d.isNegative()).orElse(exp);
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  private static void addOnce(List<String> list, String s) {
    if (!list.contains(s)) {
      list.add(s);
    }
  }
}
