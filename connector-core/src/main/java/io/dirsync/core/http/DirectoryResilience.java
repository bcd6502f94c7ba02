package io.dirsync.core.http;

import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry-and-pacing layer of one directory (DESIGN.md "Retries and rate limits"): every HTTP
 * request a connector makes for the directory — a page, a token call — goes through
 * {@link #call(String, int, Request)}. Built on resilience4j: a {@link Retry} decides whether and
 * after how long a failed request is repeated (only {@code TRANSIENT} and {@code RATE_LIMITED};
 * {@code Retry-After} honoured, else jittered exponential backoff), {@link RateLimiter}s pace
 * requests (per second, and Graph resource units per 10 s), and a {@link CircuitBreaker} stops a run
 * early when the source keeps failing.
 *
 * <p>One instance per directory, made by the daemon's composition root and shared by the connector
 * (through {@link io.dirsync.core.spi.ConnectorContext#resilience()}) and the engine, which calls
 * {@link #beginRun()} at the start of each run and reads the returned {@link RunMeter} into the run
 * record. Directories never share an instance, so one directory's outage never slows another.
 * Thread-safe: concurrent requests of a run share the pacing budget, the meter and the breaker.
 * Waits go through the injected {@link Sleeper} only; an interrupt is never swallowed.
 */
public final class DirectoryResilience {

  private static final Logger LOG = LoggerFactory.getLogger(DirectoryResilience.class);
  private static final Duration PACING_QUEUE_LIMIT = Duration.ofMinutes(10);

  private final String directoryId;
  private final RetryConfig config;
  private final RateLimitConfig rateLimit;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final RateLimiter requests;
  private final RateLimiter resourceUnits;
  private volatile RunMeter meter = new RunMeter();

  public DirectoryResilience(String directoryId, RetryConfig retry, RateLimitConfig rateLimit, Clock clock,
      Sleeper sleeper) {
    this(directoryId, retry, rateLimit, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random uniform in [0, 1), for the jitter; tests pass a constant to assert exact waits */
  public DirectoryResilience(String directoryId, RetryConfig retry, RateLimitConfig rateLimit, Clock clock,
      Sleeper sleeper, DoubleSupplier random) {
    this.directoryId = Objects.requireNonNull(directoryId, "directoryId");
    this.config = Objects.requireNonNull(retry, "retry");
    this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.backoff = new Backoff(retry, Objects.requireNonNull(random, "random"));
    this.retry = Retry.of(directoryId, io.github.resilience4j.retry.RetryConfig.custom()
        .maxAttempts(retry.maxAttempts())
        .retryOnException(t -> t instanceof ConnectorException ce && ce.kind().retryable())
        .intervalBiFunction((failures, outcome) -> backoff.before(failures, (ConnectorException) outcome.getLeft())
            .toMillis())
        .build());
    this.breaker = CircuitBreaker.of(directoryId, CircuitBreakerConfig.custom()
        .clock(Objects.requireNonNull(clock, "clock"))
        .slidingWindow(retry.breakerThreshold(), retry.breakerThreshold(),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(100f)
        .waitDurationInOpenState(Duration.ofDays(1))
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .build());
    this.requests = rateLimit.pacesRequests() ? RateLimiter.of(directoryId + "-requests", RateLimiterConfig.custom()
        .limitForPeriod(1)
        .limitRefreshPeriod(Duration.ofNanos(Math.round(1_000_000_000d / rateLimit.requestsPerSecond())))
        .timeoutDuration(PACING_QUEUE_LIMIT)
        .build()) : null;
    this.resourceUnits = rateLimit.pacesResourceUnits() ? RateLimiter.of(directoryId + "-ru", RateLimiterConfig.custom()
        .limitForPeriod(rateLimit.resourceUnitsPer10s())
        .limitRefreshPeriod(Duration.ofSeconds(10))
        .timeoutDuration(PACING_QUEUE_LIMIT)
        .build()) : null;
  }

  /** The production policy of a directory: the given config, real sleeps. */
  public static DirectoryResilience of(String directoryId, RetryConfig retry, RateLimitConfig rateLimit, Clock clock) {
    return new DirectoryResilience(directoryId, retry, rateLimit, clock, Sleeper.SYSTEM);
  }

  /** Every request tried exactly once, unpaced: for tools and tests that want no retry layer. */
  public static DirectoryResilience once(String directoryId, Clock clock) {
    return new DirectoryResilience(directoryId, RetryConfig.NO_RETRIES, RateLimitConfig.UNLIMITED, clock,
        Sleeper.SYSTEM);
  }

  public String directoryId() {
    return directoryId;
  }

  public RetryConfig retryConfig() {
    return config;
  }

  public RateLimitConfig rateLimitConfig() {
    return rateLimit;
  }

  /**
   * Starts a run: a fresh meter and retry budget, and the breaker closed again, so a run after an
   * outage tries again. Runs of one directory never overlap, so one meter is current at a time.
   */
  public RunMeter beginRun() {
    RunMeter m = new RunMeter();
    meter = m;
    breaker.reset();
    return m;
  }

  /** The meter of the current run (of the last {@link #beginRun()}, or of requests made before any). */
  public RunMeter meter() {
    return meter;
  }

  /** Whether the breaker stopped the current run. */
  public boolean breakerOpen() {
    return breaker.getState() == CircuitBreaker.State.OPEN;
  }

  /** {@link #call(String, int, Request)} for a request that costs 1 resource unit. */
  public <T> T call(String operation, Request<T> request) throws ConnectorException, InterruptedException {
    return call(operation, 1, request);
  }

  /**
   * Makes one request, paced, and repeats it while it fails retryably and the attempts, the per-attempt
   * cap and the run's budget allow. A failure is rethrown with its kind: retryable kinds whose retries
   * ran out or were refused, and every other kind at once.
   *
   * @param operation what the request reads, for logs and messages ("users page 3")
   * @param resourceUnits its cost in Graph resource units (1 for sources without them)
   */
  public <T> T call(String operation, int resourceUnits, Request<T> request)
      throws ConnectorException, InterruptedException {
    RunMeter m = meter;
    Retry.AsyncContext<T> attempts = retry.asyncContext();
    for (int attempt = 1; ; attempt++) {
      if (Thread.interrupted()) {
        // the run was stopped (a failure elsewhere, shutdown): no new attempt starts
        throw new InterruptedException(operation + " not attempted: the run was stopped");
      }
      if (!breaker.tryAcquirePermission()) {
        throw breakerOpenFailure(operation, null);
      }
      ConnectorException failure;
      try {
        pace(resourceUnits, m);
        T result = request.run();
        breaker.onSuccess(0, TimeUnit.NANOSECONDS);
        attempts.onComplete();
        return result;
      } catch (ConnectorException e) {
        failure = e;
        record(e);
      } catch (InterruptedException | RuntimeException | Error e) {
        breaker.releasePermission();
        throw e;
      }
      if (failure.kind() == Kind.RATE_LIMITED) {
        m.throttledResponse();
      }
      if (!failure.kind().retryable()) {
        throw failure;
      }
      if (breakerOpen()) {
        LOG.warn("directory={} {} failed ({}); the source failed {} times in a row, stopping this run",
            directoryId, operation, failure.getMessage(), config.breakerThreshold());
        throw breakerOpenFailure(operation, failure);
      }
      long waitMs = attempts.onError(failure);
      if (waitMs < 0 && config.maxAttempts() == 1) {
        throw failure;
      }
      if (waitMs < 0) {
        throw new ConnectorException(failure.kind(), failure.getMessage() + " (gave up after " + attempt
            + (attempt == 1 ? " attempt)" : " attempts)"), failure.retryAfter().orElse(null), failure);
      }
      Duration wait = Duration.ofMillis(waitMs);
      if (failure.retryAfter().isPresent() && wait.compareTo(config.maxWait()) > 0) {
        throw new ConnectorException(failure.kind(), failure.getMessage() + " (the source asked to wait "
            + seconds(wait) + ", longer than retry.maxWait " + seconds(config.maxWait()) + ")",
            failure.retryAfter().orElse(null), failure);
      }
      if (!m.reserveRetry(wait, config.budget())) {
        throw new ConnectorException(failure.kind(), failure.getMessage() + " (this run already waited "
            + seconds(m.retryWaited()) + " for retries; retry.budget " + seconds(config.budget()) + " is used up)",
            failure.retryAfter().orElse(null), failure);
      }
      LOG.info("directory={} {} failed ({}), retry {} of {} in {}ms", directoryId, operation,
          failure.kind().name().toLowerCase(java.util.Locale.ROOT), attempt, config.maxAttempts() - 1, wait.toMillis());
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        // the run was stopped during the wait: nothing is repeated, so nothing is counted
        m.cancelRetry(wait);
        throw e;
      }
      m.retried();
    }
  }

  private void record(ConnectorException e) {
    switch (e.kind()) {
      case TRANSIENT -> breaker.onError(0, TimeUnit.NANOSECONDS, e);
      case RATE_LIMITED -> breaker.releasePermission();
      default -> breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    }
  }

  private void pace(int cost, RunMeter m) throws ConnectorException, InterruptedException {
    long nanos = 0;
    if (requests != null) {
      nanos = requests.reservePermission();
    }
    if (nanos >= 0 && resourceUnits != null) {
      nanos = Math.max(nanos, resourceUnits.reservePermission(Math.max(1, Math.min(cost, rateLimit.resourceUnitsPer10s()))));
    }
    if (nanos < 0) {
      throw new ConnectorException(Kind.TRANSIENT, "directory " + directoryId + ": more requests are queued than "
          + "rateLimit allows in " + seconds(PACING_QUEUE_LIMIT));
    }
    if (nanos > 0) {
      m.paced(nanos);
      sleeper.sleep(Duration.ofNanos(nanos));
    }
  }

  private ConnectorException breakerOpenFailure(String operation, ConnectorException last) {
    return new ConnectorException(Kind.TRANSIENT, "directory " + directoryId + ": the source failed "
        + config.breakerThreshold() + " times in a row; " + operation + " and the rest of this run are not attempted "
        + "(nothing is committed; the next run tries again)", last);
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() / 1000d + "s";
  }
}
