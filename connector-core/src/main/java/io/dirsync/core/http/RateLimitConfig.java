package io.dirsync.core.http;

import io.dirsync.core.spi.ConfigException;

/**
 * The {@code rateLimit:} block of a directory (or of {@code defaults}): client-side pacing, so a
 * large directory is read just under the source's limits instead of being throttled. One budget per
 * directory, shared by every concurrent request of it; directories never share one.
 *
 * <p>A key the configuration leaves out takes the default of the directory's connector type
 * ({@link io.dirsync.core.spi.ConnectorFactory#defaultRateLimit()}); {@code defaults.rateLimit}
 * and the directory's own {@code rateLimit} override it key by key. Built here, a null key takes
 * the generic default: off. Throttling answers ({@code 429} and {@code Retry-After}) are honoured
 * by the retry layer whatever the pacing.
 *
 * @param requestsPerSecond requests started per second, evenly spaced; 0 turns request pacing off
 *     (the default of every built-in connector: Graph is paced by resource units, and the Google
 *     connector paces itself with its {@code quotaPerMinute} budget)
 * @param resourceUnitsPer10s Microsoft Graph only: the resource units (RU) the directory may spend
 *     per 10 seconds, at the documented cost of each request (a user list page 1–2 RU, group members 3,
 *     transitive members 5); 0 turns it off. The Graph connector's default is 7,200, just under the
 *     8,000 of a tenant with more than 500 users; smaller tenants have 3,500 (fewer than 50 users)
 *     or 5,000 (50–500)
 */
public record RateLimitConfig(Double requestsPerSecond, Integer resourceUnitsPer10s) {

  /** The generic defaults, for a connector type that offers none of its own: no pacing. */
  public static final RateLimitConfig DEFAULTS = new RateLimitConfig(null, null);

  /** No pacing at all. */
  public static final RateLimitConfig UNLIMITED = new RateLimitConfig(0d, 0);

  public RateLimitConfig {
    requestsPerSecond = requestsPerSecond == null ? 0d : requestsPerSecond;
    resourceUnitsPer10s = resourceUnitsPer10s == null ? 0 : resourceUnitsPer10s;
    if (requestsPerSecond.isNaN() || requestsPerSecond < 0 || requestsPerSecond > 10_000) {
      throw new ConfigException("requestsPerSecond", "must be between 0 (off) and 10000, got " + requestsPerSecond);
    }
    if (requestsPerSecond > 0 && requestsPerSecond < 0.01) {
      throw new ConfigException("requestsPerSecond", "must be at least 0.01 (or 0 for off), got " + requestsPerSecond);
    }
    if (resourceUnitsPer10s < 0 || resourceUnitsPer10s > 1_000_000) {
      throw new ConfigException("resourceUnitsPer10s", "must be between 0 (off) and 1000000, got " + resourceUnitsPer10s);
    }
  }

  public boolean pacesRequests() {
    return requestsPerSecond > 0;
  }

  public boolean pacesResourceUnits() {
    return resourceUnitsPer10s > 0;
  }
}
