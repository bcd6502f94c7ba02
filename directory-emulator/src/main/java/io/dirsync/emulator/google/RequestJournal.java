package io.dirsync.emulator.google;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Every request the emulator answered, in completion order, and the peak number in flight. Thread-safe. */
public final class RequestJournal {
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<RecordedRequest> requests(Resource resource) {
    return requests.stream().filter(r -> r.resource() == resource).toList();
  }

  public synchronized long count(Predicate<RecordedRequest> which) {
    return requests.stream().filter(which).count();
  }

  /** The most Directory API requests that were being served at the same moment since the last clear. */
  public int peakConcurrency() {
    return peak.get();
  }

  public synchronized void clear() {
    requests.clear();
    peak.set(inFlight.get());
  }

  int enter() {
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    return now;
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  synchronized void add(RecordedRequest r) {
    requests.add(r);
  }
}
