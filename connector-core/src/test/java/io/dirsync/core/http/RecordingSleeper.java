package io.dirsync.core.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Sleeper} for tests: records every wait in order and returns at once. Thread-safe. */
public final class RecordingSleeper implements Sleeper {

  private final List<Duration> waits = new ArrayList<>();

  @Override
  public synchronized void sleep(Duration duration) throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("interrupted while waiting");
    }
    waits.add(duration);
  }

  public synchronized List<Duration> waits() {
    return List.copyOf(waits);
  }

  public synchronized List<Long> waitsMillis() {
    return waits.stream().map(Duration::toMillis).toList();
  }

  public synchronized void clear() {
    waits.clear();
  }
}
