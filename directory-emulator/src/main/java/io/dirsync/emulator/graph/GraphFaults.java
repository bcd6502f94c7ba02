package io.dirsync.emulator.graph;

import io.dirsync.emulator.common.Gate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Scriptable faults. Each switch affects Graph API requests (not the token endpoint) unless it
 * says otherwise. Thread-safe; {@link #clear()} removes them all.
 *
 * <p>Pages are named by resource — {@code users}, {@code groups}, {@code users/delta},
 * {@code groups/delta}, {@code members} (any group's members or transitive members) — and a
 * 0-based index within one listing or delta round.
 */
public final class GraphFaults {

  /** What an expired delta token gets. */
  public enum DeltaExpiry {
    /** 400 {@code syncStateNotFound}, as the 2020 announcement documents (the default). */
    BAD_REQUEST_SYNC_STATE_NOT_FOUND,
    /** 410 {@code SyncStateNotFound}, capital S, as observed on Outlook-family deltas. */
    GONE_SYNC_STATE_NOT_FOUND,
    /** 410 with a {@code Location} header holding the initial query (a synchronization reset). */
    GONE_WITH_LOCATION,
    /** 410 {@code resyncRequired}. */
    RESYNC_REQUIRED
  }

  private record PageRule(String resource, int page, int status, boolean dropValue) {
  }

  /** What happens to the body of a successful Graph response. */
  public enum BodyFault {
    /** Sent whole. */
    NONE,
    /** Half the JSON, with a {@code Content-Length} that matches the half: a complete HTTP message whose JSON ends early. */
    TRUNCATED_JSON,
    /** The full {@code Content-Length} is announced, half the body is sent, then the connection is closed. */
    CONNECTION_DROPPED
  }

  /**
   * What one Graph request gets in a {@link #plan}: a status with its error body (429 with
   * {@code retryAfter}, or 5xx), or a success whose body is damaged.
   *
   * @param status 0 for a normal answer, else the error status
   * @param retryAfter the {@code Retry-After} of a 429, or null for none
   * @param body what happens to the body of a normal answer
   */
  public record Planned(int status, String retryAfter, BodyFault body) {
    public static Planned throttled(String retryAfter) {
      return new Planned(429, retryAfter, BodyFault.NONE);
    }

    public static Planned failed(int status) {
      return new Planned(status, null, BodyFault.NONE);
    }

    public static Planned damaged(BodyFault body) {
      return new Planned(0, null, body);
    }
  }

  private final java.util.Map<Integer, Planned> plan = new java.util.HashMap<>();
  private int plannedRequests;
  private final java.util.ArrayDeque<BodyFault> bodyFaults = new java.util.ArrayDeque<>();
  private int slowRemaining;
  private Duration slowDelay = Duration.ZERO;

  private int throttleRemaining;
  private String throttleRetryAfter;
  private int failRemaining;
  private int failStatus;
  private int tokenFailRemaining;
  private int tokenFailStatus;
  private final List<PageRule> pageRules = new ArrayList<>();
  private Duration latency = Duration.ZERO;
  private DeltaExpiry deltaExpiry = DeltaExpiry.BAD_REQUEST_SYNC_STATE_NOT_FOUND;
  private boolean resetPending;
  private boolean expireAllDeltaTokens;
  private final java.util.Map<String, Gate> gates = new java.util.HashMap<>();
  private int resourceUnitsPer10s;

  /** The next {@code count} Graph requests get 429; {@code retryAfter} ("10", "2.128") or null for no header. */
  public synchronized void throttleNext(int count, String retryAfter) {
    throttleRemaining = count;
    throttleRetryAfter = retryAfter;
  }

  /** The next {@code count} Graph requests fail with {@code status} (500, 503, 504). */
  public synchronized void failNext(int count, int status) {
    failRemaining = count;
    failStatus = status;
  }

  /** The next {@code count} token requests fail with {@code status}. */
  public synchronized void failTokenRequests(int count, int status) {
    tokenFailRemaining = count;
    tokenFailStatus = status;
  }

  /** Every request for this page fails with {@code status} until {@link #clear()}. */
  public synchronized void failPage(String resource, int page, int status) {
    pageRules.add(new PageRule(Objects.requireNonNull(resource), page, status, false));
  }

  /** This page is answered without its {@code value} key (a malformed page) until {@link #clear()}. */
  public synchronized void dropValue(String resource, int page) {
    pageRules.add(new PageRule(Objects.requireNonNull(resource), page, 0, true));
  }

  /** Every request is answered after this delay. */
  public synchronized void latency(Duration delay) {
    latency = Objects.requireNonNull(delay);
  }

  /**
   * The next {@code count} successful Graph responses have their body cut in half (a truncated JSON
   * body). Queued after any body faults already pending.
   */
  public synchronized void truncateNext(int count) {
    for (int i = 0; i < count; i++) {
      bodyFaults.add(BodyFault.TRUNCATED_JSON);
    }
  }

  /**
   * The connection of the next {@code count} successful Graph responses is closed mid-body, after
   * the headers and half the announced body. Queued after any body faults already pending.
   */
  public synchronized void dropConnectionNext(int count) {
    for (int i = 0; i < count; i++) {
      bodyFaults.add(BodyFault.CONNECTION_DROPPED);
    }
  }

  /** The next {@code count} Graph requests are answered after {@code delay} (on top of {@link #latency}). */
  public synchronized void slowNext(int count, Duration delay) {
    slowRemaining = count;
    slowDelay = Objects.requireNonNull(delay);
  }

  /**
   * Scripts Graph requests by position: the request numbered {@code n} (0 for the next Graph
   * request from now, token calls not counted) gets {@code byPosition.get(n)}; the others are
   * answered normally. Replaces an earlier plan.
   */
  public synchronized void plan(java.util.Map<Integer, Planned> byPosition) {
    plan.clear();
    plan.putAll(byPosition);
    plannedRequests = 0;
  }

  /** How an expired delta token is answered. */
  public synchronized void deltaExpiry(DeltaExpiry mode) {
    deltaExpiry = Objects.requireNonNull(mode);
  }

  /** Every delta token already handed out is answered as expired (per {@link #deltaExpiry}). */
  public synchronized void expireAllDeltaTokens(boolean on) {
    expireAllDeltaTokens = on;
  }

  /** The next delta-token request gets 410 Gone with a {@code Location} reset (once). */
  public synchronized void resetSyncStateOnce() {
    resetPending = true;
  }

  /**
   * Holds every Graph request to {@code resource} ({@code users}, {@code groups}, {@code members},
   * {@code users/delta}, {@code groups/delta}, {@code user}, {@code group}) until the returned gate
   * is released; {@link #clear()} releases it too.
   */
  public synchronized Gate hold(String resource) {
    Gate gate = new Gate();
    Gate previous = gates.put(Objects.requireNonNull(resource), gate);
    if (previous != null) {
      previous.release();
    }
    return gate;
  }

  /**
   * Gives the tenant Graph's read budget for one app (SPEC.md A7): a token bucket of {@code n}
   * resource units that refills {@code n} per 10 seconds on the emulator clock; each GET is charged
   * its documented cost ({@code users} 2, {@code members} 3, {@code transitiveMembers} 5, any other
   * 1; {@code $select} −1, {@code $expand} +1, {@code $top} under 20 −1; at least 1), answered with
   * {@code x-ms-resource-unit}, and throttled with Graph's 429 body, a whole-second
   * {@code Retry-After} and the {@code x-ms-throttle-*} headers when the bucket cannot pay for it.
   * Graph's buckets hold 3,500 (tenants under 50 users), 5,000 (up to 500) or 8,000 RU. 0 (the
   * default) turns the budget off; setting a budget starts it full.
   */
  public synchronized void resourceUnitsPer10s(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("resourceUnitsPer10s must be 0 (off) or more");
    }
    resourceUnitsPer10s = n;
  }

  synchronized int resourceUnitsPer10s() {
    return resourceUnitsPer10s;
  }

  public synchronized void clear() {
    resourceUnitsPer10s = 0;
    gates.values().forEach(Gate::release);
    gates.clear();
    throttleRemaining = 0;
    failRemaining = 0;
    tokenFailRemaining = 0;
    pageRules.clear();
    bodyFaults.clear();
    plan.clear();
    plannedRequests = 0;
    slowRemaining = 0;
    latency = Duration.ZERO;
    deltaExpiry = DeltaExpiry.BAD_REQUEST_SYNC_STATE_NOT_FOUND;
    resetPending = false;
    expireAllDeltaTokens = false;
  }

  /** The gate holding requests to {@code resource}, or null. */
  synchronized Gate gate(String resource) {
    return gates.get(resource);
  }

  synchronized Duration latency() {
    return latency;
  }

  /** Counts one Graph request against the {@link #plan}; what it gets, or null. */
  synchronized Planned takePlanned() {
    return plan.remove(plannedRequests++);
  }

  /** Consumes one pending body fault, or {@link BodyFault#NONE}. */
  synchronized BodyFault takeBodyFault() {
    BodyFault f = bodyFaults.poll();
    return f == null ? BodyFault.NONE : f;
  }

  /** Consumes one slow response; its extra delay, or zero. */
  synchronized Duration takeSlow() {
    if (slowRemaining <= 0) {
      return Duration.ZERO;
    }
    slowRemaining--;
    return slowDelay;
  }

  /** Consumes one throttle; returns the Retry-After to send ("" for none) or null when not throttled. */
  synchronized String takeThrottle() {
    if (throttleRemaining <= 0) {
      return null;
    }
    throttleRemaining--;
    return throttleRetryAfter == null ? "" : throttleRetryAfter;
  }

  synchronized int takeFailure() {
    if (failRemaining <= 0) {
      return 0;
    }
    failRemaining--;
    return failStatus;
  }

  synchronized int takeTokenFailure() {
    if (tokenFailRemaining <= 0) {
      return 0;
    }
    tokenFailRemaining--;
    return tokenFailStatus;
  }

  /** The status to fail this page with, or 0. */
  synchronized int pageFailure(String resource, int page) {
    for (PageRule r : pageRules) {
      if (!r.dropValue() && r.resource().equals(resource) && r.page() == page) {
        return r.status();
      }
    }
    return 0;
  }

  synchronized boolean dropsValue(String resource, int page) {
    for (PageRule r : pageRules) {
      if (r.dropValue() && r.resource().equals(resource) && r.page() == page) {
        return true;
      }
    }
    return false;
  }

  synchronized DeltaExpiry deltaExpiry() {
    return deltaExpiry;
  }

  synchronized boolean allDeltaTokensExpired() {
    return expireAllDeltaTokens;
  }

  synchronized boolean takeReset() {
    boolean r = resetPending;
    resetPending = false;
    return r;
  }
}
