package io.dirsync.core.http;

import io.dirsync.core.spi.ConnectorException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** Chooses the wait before retry number {@code n}: the source's {@code Retry-After}, else jittered exponential backoff. */
final class Backoff {

  private final RetryConfig config;
  private final DoubleSupplier random;

  Backoff(RetryConfig config, DoubleSupplier random) {
    this.config = config;
    this.random = random;
  }

  /**
   * @param failures how many attempts of this request failed so far (1 after the first)
   */
  Duration before(int failures, ConnectorException failure) {
    Optional<Duration> asked = failure.retryAfter();
    if (asked.isPresent()) {
      return asked.get();
    }
    double base = config.initialBackoff().toNanos() * Math.pow(config.multiplier(), failures - 1d);
    double spread = config.jitter() * (2 * random.getAsDouble() - 1);
    double nanos = Math.min(base * (1 + spread), config.maxWait().toNanos());
    return Duration.ofNanos(Math.max(0, Math.round(nanos)));
  }
}
