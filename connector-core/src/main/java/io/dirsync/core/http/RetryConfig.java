package io.dirsync.core.http;

import io.dirsync.core.spi.ConfigException;
import java.time.Duration;

/**
 * The {@code retry:} block of a directory (or of {@code defaults}): how one request is retried.
 * Any key left out (null) takes the default shown; {@link #DEFAULTS} has them all. Validated on
 * construction; a {@link ConfigException} names the key relative to the block.
 *
 * <p>Only failures the connector classified as {@code TRANSIENT} or {@code RATE_LIMITED} are
 * retried. The wait before a retry is the source's {@code Retry-After} when it sent one, else
 * {@code initialBackoff × multiplier^(n-1)}, randomized by ±{@code jitter} and capped at
 * {@code maxWait}.
 *
 * @param maxAttempts attempts per request, the first included (default 6; 1 turns retries off)
 * @param initialBackoff the first backoff without {@code Retry-After} (default {@code PT1S})
 * @param multiplier growth of the backoff per attempt, at least 1 (default 2)
 * @param jitter the randomization of a backoff, 0 to 1: 0.2 waits between 80 % and 120 % of it
 *     (default 0.2); never applied to a {@code Retry-After}
 * @param maxWait the per-attempt cap: no backoff is longer; a {@code Retry-After} longer than this
 *     is not waited for, the request fails instead (default {@code PT2M})
 * @param budget the total time one run may spend waiting for retries; a retry that would exceed
 *     it is not made and the run fails (default {@code PT15M})
 * @param breakerThreshold consecutive failed attempts ({@code TRANSIENT}: 5xx, resets, timeouts;
 *     throttling does not count) after which the directory's circuit breaker opens: every request of
 *     the run fails at once, the run ends without committing, and the next run starts closed again
 *     (default 10)
 * @param attemptTimeout how long one attempt may take to connect and between bytes of its
 *     response, applied by the connector to its HTTP clients; a slower attempt fails as
 *     {@code TRANSIENT} and is retried (default {@code PT100S}, Graph's own gateway timeout)
 */
public record RetryConfig(Integer maxAttempts, Duration initialBackoff, Double multiplier, Double jitter,
    Duration maxWait, Duration budget, Integer breakerThreshold, Duration attemptTimeout) {

  public static final RetryConfig DEFAULTS = new RetryConfig(null, null, null, null, null, null, null, null);

  /** One attempt per request, no retries; the breaker practically never opens. */
  public static final RetryConfig NO_RETRIES = new RetryConfig(1, null, null, 0d, null, null, 1000, null);

  public RetryConfig {
    maxAttempts = maxAttempts == null ? 6 : maxAttempts;
    initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
    multiplier = multiplier == null ? 2d : multiplier;
    jitter = jitter == null ? 0.2d : jitter;
    maxWait = maxWait == null ? Duration.ofMinutes(2) : maxWait;
    budget = budget == null ? Duration.ofMinutes(15) : budget;
    breakerThreshold = breakerThreshold == null ? 10 : breakerThreshold;
    attemptTimeout = attemptTimeout == null ? Duration.ofSeconds(100) : attemptTimeout;
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new ConfigException("maxAttempts", "must be between 1 and 100, got " + maxAttempts);
    }
    positive("initialBackoff", initialBackoff);
    if (multiplier.isNaN() || multiplier < 1 || multiplier > 10) {
      throw new ConfigException("multiplier", "must be between 1 and 10, got " + multiplier);
    }
    if (jitter.isNaN() || jitter < 0 || jitter > 1) {
      throw new ConfigException("jitter", "must be between 0 and 1, got " + jitter);
    }
    positive("maxWait", maxWait);
    if (maxWait.compareTo(initialBackoff) < 0) {
      throw new ConfigException("maxWait", "must not be shorter than initialBackoff (" + initialBackoff + ")");
    }
    positive("budget", budget);
    if (breakerThreshold < 1 || breakerThreshold > 1000) {
      throw new ConfigException("breakerThreshold", "must be between 1 and 1000, got " + breakerThreshold);
    }
    positive("attemptTimeout", attemptTimeout);
  }

  private static void positive(String key, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(key, "must be a positive ISO-8601 duration such as PT1S, got " + d);
    }
  }
}
