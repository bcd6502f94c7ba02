package io.dirsync.emulator.google;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An error the emulator serves instead of the real answer, optionally with a {@code Retry-After}
 * header (Google does not document one for quota errors; a proxy or a future API might send it).
 */
public record Fault(GoogleError error, Duration retryAfter) {

  public Fault {
    Objects.requireNonNull(error, "error");
  }

  public static Fault of(GoogleError error) {
    return new Fault(error, null);
  }

  public Fault withRetryAfter(Duration after) {
    return new Fault(error, after);
  }

  public Optional<Duration> retryAfterHeader() {
    return Optional.ofNullable(retryAfter);
  }
}
