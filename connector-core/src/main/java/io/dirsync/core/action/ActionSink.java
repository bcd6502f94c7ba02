package io.dirsync.core.action;

import io.dirsync.core.snapshot.OutboxEntry;
import java.util.List;

/**
 * Where committed actions go. The dispatcher hands a sink batches in outbox order and advances the
 * sink's position only after {@link #deliver} returned; a sink that throws keeps its position, and
 * the same actions (same ids) are offered again later. Delivery is therefore at least once: a sink
 * must tolerate a repeat of the last batch after a crash.
 */
public interface ActionSink extends AutoCloseable {

  /** A stable name for this sink's delivery position, e.g. {@code jsonl:/var/lib/dirsync/actions.jsonl}. */
  String id();

  /** Delivers the batch durably, or throws having delivered none or only a prefix of it. */
  void deliver(List<OutboxEntry> batch) throws SinkException;

  /** The largest batch the dispatcher should hand this sink at once. */
  default int maxBatch() {
    return 500;
  }

  @Override
  default void close() {
  }
}
