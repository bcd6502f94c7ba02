package io.dirsync.emulator.google;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** Every request the emulator answered, in completion order, and the peak number in flight (in all and by resource). Thread-safe. */
public final class RequestJournal {
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();
  private final Map<Resource, AtomicInteger> inFlightOf = new EnumMap<>(Resource.class);
  private final Map<Resource, AtomicInteger> peakOf = new EnumMap<>(Resource.class);

  public RequestJournal() {
    for (Resource r : Resource.values()) {
      inFlightOf.put(r, new AtomicInteger());
      peakOf.put(r, new AtomicInteger());
    }
  }

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

  /** The most requests to {@code resource} served at the same moment since the last clear. */
  public int peakConcurrency(Resource resource) {
    return peakOf.get(resource).get();
  }

  public synchronized void clear() {
    requests.clear();
    peak.set(inFlight.get());
    for (Resource r : Resource.values()) {
      peakOf.get(r).set(inFlightOf.get(r).get());
    }
  }

  int enter(Resource resource) {
    int mine = inFlightOf.get(resource).incrementAndGet();
    peakOf.get(resource).accumulateAndGet(mine, Math::max);
    int now = inFlight.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    return now;
  }

  void leave(Resource resource) {
    inFlightOf.get(resource).decrementAndGet();
    inFlight.decrementAndGet();
  }

  synchronized void add(RecordedRequest r) {
    requests.add(r);
  }
}
