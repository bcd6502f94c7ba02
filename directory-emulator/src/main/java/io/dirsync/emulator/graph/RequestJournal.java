package io.dirsync.emulator.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The requests the emulator received, in the order they were answered, and the peak number of Graph
 * requests in flight at once. Thread-safe.
 */
public final class RequestJournal {

  private final List<GraphRequest> entries = new ArrayList<>();
  private int inFlight;
  private int peak;

  synchronized void enter() {
    inFlight++;
    peak = Math.max(peak, inFlight);
  }

  synchronized void leave() {
    inFlight--;
  }

  /** The most Graph requests (token calls not counted) that were being answered at once since the last {@link #clear()}. */
  public synchronized int peakConcurrency() {
    return peak;
  }

  synchronized void record(GraphRequest request) {
    entries.add(request);
  }

  public synchronized List<GraphRequest> all() {
    return List.copyOf(entries);
  }

  public synchronized List<GraphRequest> matching(Predicate<GraphRequest> filter) {
    return entries.stream().filter(filter).toList();
  }

  /** Graph API requests only (no token calls). */
  public List<GraphRequest> graphRequests() {
    return matching(GraphRequest::isGraph);
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized void clear() {
    entries.clear();
    peak = inFlight;
  }
}
