package io.dirsync.emulator.google;

import io.dirsync.emulator.common.Gate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fault switches of a {@link GoogleEmulator}. Every switch applies from the next request on and
 * stays until changed or {@link #clear()}ed. Thread-safe.
 */
public final class GoogleFaults {

  private record PageKey(Resource resource, int pageIndex) {
  }

  private final Deque<Map.Entry<Resource, Fault>> next = new ArrayDeque<>();
  private final Deque<Map.Entry<Resource, Breakage>> broken = new ArrayDeque<>();
  private final Map<PageKey, Fault> pages = new HashMap<>();
  private final Map<PageKey, Integer> pageTimes = new HashMap<>();
  private final Map<Resource, Gate> gates = new EnumMap<>(Resource.class);
  private Duration latency = Duration.ZERO;
  private int quotaPerMinute;
  private int maxConcurrentRequests;
  private boolean emptyPages;
  private boolean raggedPages;
  private int pageSizeCap;
  private boolean apiDisabled;
  private Duration nestingLag = Duration.ZERO;

  /**
   * The next {@code times} requests to {@code resource} ({@code null}: any Directory API request;
   * {@link Resource#TOKEN}: the token endpoint) fail with {@code fault}.
   */
  public synchronized GoogleFaults failNext(Resource resource, int times, Fault fault) {
    Objects.requireNonNull(fault, "fault");
    for (int i = 0; i < times; i++) {
      next.add(new java.util.AbstractMap.SimpleImmutableEntry<>(resource, fault));
    }
    return this;
  }

  public GoogleFaults failNext(Resource resource, int times, GoogleError error) {
    return failNext(resource, times, Fault.of(error));
  }

  /** The next {@code times} requests to {@code resource} (null: any API request) get a broken answer. */
  public synchronized GoogleFaults breakNext(Resource resource, int times, Breakage breakage) {
    Objects.requireNonNull(breakage, "breakage");
    for (int i = 0; i < times; i++) {
      broken.add(new java.util.AbstractMap.SimpleImmutableEntry<>(resource, breakage));
    }
    return this;
  }

  /**
   * Every request for the 0-based page {@code pageIndex} of any listing of {@code resource} fails
   * with {@code fault} until {@link #clearPage} or {@link #clear()}: page 0 is the request without a
   * page token, page k the one with the token of page k-1.
   */
  public synchronized GoogleFaults failPage(Resource resource, int pageIndex, Fault fault) {
    PageKey key = new PageKey(resource, pageIndex);
    pages.put(key, Objects.requireNonNull(fault, "fault"));
    pageTimes.remove(key);
    return this;
  }

  /** Like {@link #failPage(Resource, int, Fault)}, for the next {@code times} requests of that page only. */
  public synchronized GoogleFaults failPage(Resource resource, int pageIndex, Fault fault, int times) {
    failPage(resource, pageIndex, fault);
    pageTimes.put(new PageKey(resource, pageIndex), times);
    return this;
  }

  public synchronized GoogleFaults clearPage(Resource resource, int pageIndex) {
    pages.remove(new PageKey(resource, pageIndex));
    pageTimes.remove(new PageKey(resource, pageIndex));
    return this;
  }

  /** Every response is delayed by this much (server side). */
  public synchronized GoogleFaults latency(Duration value) {
    this.latency = Objects.requireNonNull(value);
    return this;
  }

  /**
   * Google's per-user quota: more than {@code n} Directory API requests by one delegated subject in
   * one minute of the emulator's clock get 403 {@code userRateLimitExceeded}. 0 switches it off.
   */
  public synchronized GoogleFaults quotaPerMinute(int n) {
    this.quotaPerMinute = n;
    return this;
  }

  /** More than {@code n} requests in flight at once get 403 {@code quotaExceeded}. 0 switches it off. */
  public synchronized GoogleFaults maxConcurrentRequests(int n) {
    this.maxConcurrentRequests = n;
    return this;
  }

  /**
   * Listings insert empty pages: no {@code users}/{@code groups}/{@code members} key at all, yet a
   * {@code nextPageToken}; and the last page of a non-empty listing is an empty one.
   */
  public synchronized GoogleFaults emptyPages(boolean on) {
    this.emptyPages = on;
    return this;
  }

  /** Every other page holds half of what was asked for although more follow. */
  public synchronized GoogleFaults raggedPages(boolean on) {
    this.raggedPages = on;
    return this;
  }

  /** No page holds more than {@code n} objects whatever {@code maxResults} says. 0: no cap. */
  public synchronized GoogleFaults pageSizeCap(int n) {
    this.pageSizeCap = n;
    return this;
  }

  /** The Admin SDK API is "not enabled in the project": every API request gets 403 accessNotConfigured. */
  public synchronized GoogleFaults apiDisabled(boolean on) {
    this.apiDisabled = on;
    return this;
  }

  /**
   * A group nested into another less than {@code lag} ago (emulator clock) is listed as a member at
   * once, but its members reach the parent's {@code includeDerivedMembership} listing only after
   * it (Google documents up to 10 minutes). Default zero.
   */
  public synchronized GoogleFaults nestingLag(Duration lag) {
    this.nestingLag = Objects.requireNonNull(lag);
    return this;
  }

  /** Holds every request to {@code resource} until the returned gate is released. */
  public synchronized Gate hold(Resource resource) {
    Gate gate = new Gate();
    gates.put(resource, gate);
    return gate;
  }

  /** Back to a healthy, fast, unlimited server (open gates are released). */
  public synchronized void clear() {
    next.clear();
    broken.clear();
    pages.clear();
    pageTimes.clear();
    gates.values().forEach(Gate::release);
    gates.clear();
    latency = Duration.ZERO;
    quotaPerMinute = 0;
    maxConcurrentRequests = 0;
    emptyPages = false;
    raggedPages = false;
    pageSizeCap = 0;
    apiDisabled = false;
    nestingLag = Duration.ZERO;
  }

  // ---- read by the server

  synchronized Optional<Fault> takeNext(Resource resource) {
    for (var it = next.iterator(); it.hasNext(); ) {
      var e = it.next();
      boolean matches = e.getKey() == null ? resource != Resource.TOKEN : e.getKey() == resource;
      if (matches) {
        it.remove();
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  synchronized Optional<Breakage> takeBreakage(Resource resource) {
    for (var it = broken.iterator(); it.hasNext(); ) {
      var e = it.next();
      if (e.getKey() == null ? resource != Resource.TOKEN : e.getKey() == resource) {
        it.remove();
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  synchronized Optional<Fault> pageFault(Resource resource, int pageIndex) {
    PageKey key = new PageKey(resource, pageIndex);
    Fault fault = pages.get(key);
    Integer left = pageTimes.get(key);
    if (fault != null && left != null) {
      if (left <= 1) {
        pages.remove(key);
        pageTimes.remove(key);
      } else {
        pageTimes.put(key, left - 1);
      }
    }
    return Optional.ofNullable(fault);
  }

  synchronized Optional<Gate> gate(Resource resource) {
    return Optional.ofNullable(gates.get(resource));
  }

  synchronized Duration latency() {
    return latency;
  }

  synchronized int quotaPerMinute() {
    return quotaPerMinute;
  }

  synchronized int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  synchronized boolean emptyPages() {
    return emptyPages;
  }

  synchronized boolean raggedPages() {
    return raggedPages;
  }

  synchronized int pageSizeCap() {
    return pageSizeCap;
  }

  synchronized boolean apiDisabled() {
    return apiDisabled;
  }

  synchronized Duration nestingLag() {
    return nestingLag;
  }
}
