package io.dirsync.emulator.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The requests the emulator received, in arrival order. Thread-safe. */
public final class RequestJournal {

  private final List<GraphRequest> entries = new ArrayList<>();

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
  }
}
