package io.dirsync.core.engine;

import io.dirsync.core.snapshot.sqlite.Rows;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * One side of the full user merge: the rows {@code (id, hash[, ref])} of a query sorted by id, read
 * on a thread of their own a block at a time, so that the two sides' native row stepping runs on two
 * cores while the planning thread only compares. At most {@link #BLOCKS} blocks of {@link #BLOCK}
 * rows wait, so memory stays small whatever the directory's size. A failure of the reading thread
 * is rethrown on the planning thread; {@link #close()} stops the reader and waits for it, so its
 * statement is closed before the connection it runs on.
 */
final class SortedKeys implements AutoCloseable {

  static final int BLOCK = 2048;
  static final int BLOCKS = 4;

  private static final class Block {
    final String[] ids = new String[BLOCK];
    final long[] hashes = new long[BLOCK];
    final long[] refs = new long[BLOCK];
    int size;
  }

  /** The reader's last message: the end of the rows, or why they stopped. */
  private record End(Throwable failure) {
  }

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BLOCKS);
  private final Thread reader;
  private Block block;
  private int pos;
  private boolean ended;

  /**
   * @param query opens the sorted rows; run on the reading thread
   * @param refColumn the column of a third value to keep (1-based), or 0 for none
   */
  SortedKeys(String name, Supplier<Rows> query, int refColumn) {
    reader = new Thread(() -> read(query, refColumn), "dirsync-plan-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  private void read(Supplier<Rows> query, int refColumn) {
    Throwable failure = null;
    try (Rows rows = query.get()) {
      boolean more = true;
      while (more) {
        Block b = new Block();
        while (b.size < BLOCK && (more = rows.next())) {
          b.ids[b.size] = rows.string(1);
          b.hashes[b.size] = rows.longValue(2);
          b.refs[b.size] = refColumn == 0 ? 0 : rows.longValue(refColumn);
          b.size++;
        }
        if (b.size > 0) {
          queue.put(b);
        }
      }
    } catch (InterruptedException e) {
      return; // closed by the planning thread: nobody waits for the end
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    try {
      queue.put(new End(failure));
    } catch (InterruptedException e) {
      // closed meanwhile
    }
  }

  /** Moves to the next row; false at the end. */
  boolean next() {
    if (block != null && ++pos < block.size) {
      return true;
    }
    if (ended) {
      return false;
    }
    Object m;
    try {
      m = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("planning interrupted", e);
    }
    if (m instanceof End end) {
      ended = true;
      block = null;
      if (end.failure() instanceof RuntimeException r) {
        throw r;
      }
      if (end.failure() instanceof Error err) {
        throw err;
      }
      return false;
    }
    block = (Block) m;
    pos = 0;
    return true;
  }

  String id() {
    return block.ids[pos];
  }

  long hash() {
    return block.hashes[pos];
  }

  long ref() {
    return block.refs[pos];
  }

  @Override
  public void close() {
    reader.interrupt();
    boolean interrupted = false;
    while (reader.isAlive()) {
      try {
        reader.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
