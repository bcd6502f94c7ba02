package io.dirsync.core.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code Retry-After} header in every form servers send (RFC 9110 §10.2.3 and Graph's
 * documented variants): whole seconds ({@code 10}), fractional seconds ({@code 2.128}) or an
 * HTTP date ({@code Wed, 21 Oct 2026 07:28:00 GMT}, measured from the given clock). Used by each
 * connector's error classifier to fill {@link io.dirsync.core.spi.ConnectorException#retryAfter()}.
 */
public final class RetryAfter {

  /** Longer than any server would sensibly ask; protects against overflow on absurd values. */
  private static final double MAX_SECONDS = 86_400d * 365;

  private RetryAfter() {
  }

  /**
   * @return how long to wait from {@code clock}'s now; empty for a missing, negative or unreadable
   *     value; zero for a date in the past
   */
  public static Optional<Duration> parse(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (!v.isEmpty() && (Character.isDigit(v.charAt(0)) || v.charAt(0) == '.')) {
      try {
        double seconds = Double.parseDouble(v);
        if (Double.isNaN(seconds) || seconds < 0 || seconds > MAX_SECONDS) {
          return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(seconds * 1_000_000d) * 1_000L));
      } catch (NumberFormatException notSeconds) {
        return Optional.empty();
      }
    }
    try {
      ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration d = Duration.between(clock.instant(), at.toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }

  /** Finds {@code Retry-After} (any case) among response headers and parses its first value. */
  public static Optional<Duration> fromHeaders(Map<String, ? extends Collection<String>> headers, Clock clock) {
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
      if ("Retry-After".equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) {
        return parse(e.getValue().iterator().next(), clock);
      }
    }
    return Optional.empty();
  }

  /** Formats an instant as an HTTP date, e.g. for fakes that answer with a date. */
  public static String httpDate(java.time.Instant at) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atZone(java.time.ZoneOffset.UTC));
  }
}
