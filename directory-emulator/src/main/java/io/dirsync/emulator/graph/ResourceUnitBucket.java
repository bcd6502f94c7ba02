package io.dirsync.emulator.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The identity and access service's read budget of one app in one tenant (SPEC.md A7): a token
 * bucket of resource units (RU) that holds {@code limit} RU and refills {@code limit} RU per 10
 * seconds, on the emulator clock. A request that costs more than the bucket holds is throttled; it
 * is charged anyway, as Graph keeps counting usage while it throttles (down to {@code -limit} at
 * most), so a client that retries before {@code Retry-After} stays throttled for longer.
 * Thread-safe.
 */
final class ResourceUnitBucket {

  /** What a request was charged. */
  record Charge(int cost, boolean throttled, Duration retryAfter, double usedFraction) {
  }

  private static final Pattern MEMBERS = Pattern.compile("^/v1\\.0/groups/[^/]+/members$");
  private static final Pattern TRANSITIVE = Pattern.compile("^/v1\\.0/groups/[^/]+/transitiveMembers$");
  private static final Duration WINDOW = Duration.ofSeconds(10);

  private final Clock clock;
  private final String scope;
  private int limit;
  private double balance;
  private Instant refilled;

  /** @param scope the {@code x-ms-throttle-scope} of a 429: {@code Tenant_Application/Read/<appId>/<tenantId>} */
  ResourceUnitBucket(Clock clock, String scope) {
    this.clock = clock;
    this.scope = scope;
  }

  String scope() {
    return scope;
  }

  /**
   * The documented cost of a GET: {@code users} 2, {@code groups/{id}/members} 3,
   * {@code groups/{id}/transitiveMembers} 5, anything else 1; {@code $select} −1, {@code $expand} +1,
   * {@code $top} below 20 −1; at least 1. A next link keeps the query options of its first request,
   * so it costs the same; a delta link carries none, so it costs 1.
   */
  static int cost(String path, GraphQuery q) {
    int cost = path.equals("/v1.0/users") ? 2 : MEMBERS.matcher(path).matches() ? 3
        : TRANSITIVE.matcher(path).matches() ? 5 : 1;
    if (q.has("$select")) {
      cost--;
    }
    if (q.has("$expand")) {
      cost++;
    }
    if (q.has("$top") && below20(q.get("$top"))) {
      cost--;
    }
    return Math.max(1, cost);
  }

  private static boolean below20(String top) {
    try {
      return Integer.parseInt(top.trim()) < 20;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Charges a request of {@code cost} against a bucket of {@code limit} RU per 10 s; a change of
   * the limit starts a full bucket.
   *
   * @return null when {@code limit} is 0 (no budget)
   */
  synchronized Charge charge(int limit, int cost) {
    if (limit <= 0) {
      this.limit = 0;
      return null;
    }
    Instant now = clock.instant();
    if (limit != this.limit) {
      this.limit = limit;
      balance = limit;
      refilled = now;
    }
    long elapsed = Math.max(0, Duration.between(refilled, now).toNanos());
    balance = Math.min(limit, balance + (double) elapsed * limit / WINDOW.toNanos());
    refilled = now.isAfter(refilled) ? now : refilled;
    boolean throttled = balance < cost;
    balance = Math.max(-limit, balance - cost);
    Duration retryAfter = null;
    if (throttled) {
      // whole seconds, as Graph sends them, until this request would fit again
      long seconds = (long) Math.ceil((cost - balance) * WINDOW.toSeconds() / limit);
      retryAfter = Duration.ofSeconds(Math.max(1, seconds));
    }
    return new Charge(cost, throttled, retryAfter, (limit - balance) / limit);
  }
}
