package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.spi.ConfigException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResilienceConfigTest {

  @Test
  void leftOutKeysTakeTheDefaults() {
    RetryConfig r = RetryConfig.DEFAULTS;
    assertThat(r.maxAttempts()).isEqualTo(6);
    assertThat(r.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.multiplier()).isEqualTo(2d);
    assertThat(r.jitter()).isEqualTo(0.2d);
    assertThat(r.maxWait()).isEqualTo(Duration.ofMinutes(2));
    assertThat(r.budget()).isEqualTo(Duration.ofMinutes(15));
    assertThat(r.breakerThreshold()).isEqualTo(10);
    assertThat(r.attemptTimeout()).isEqualTo(Duration.ofSeconds(100));
    assertThat(RateLimitConfig.DEFAULTS.requestsPerSecond()).isZero();
    assertThat(RateLimitConfig.DEFAULTS.resourceUnitsPer10s()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(value = {
      "maxAttempts|0", "maxAttempts|101", "initialBackoff|PT0S", "initialBackoff|-PT1S", "multiplier|0.5",
      "jitter|1.5", "jitter|-0.1", "maxWait|PT0.5S", "budget|PT0S", "breakerThreshold|0", "breakerThreshold|1001", "attemptTimeout|PT0S"}, delimiter = '|')
  void badValuesNameTheirKey(String key, String value) {
    assertThatThrownBy(() -> retryWith(key, value)).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(value = {"requestsPerSecond|-1", "requestsPerSecond|0.001", "requestsPerSecond|20000",
      "resourceUnitsPer10s|-5"}, delimiter = '|')
  void badRateLimitsNameTheirKey(String key, String value) {
    assertThatThrownBy(() -> rateLimitWith(key, value)).isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).key()).isEqualTo(key);
  }

  @Test
  void zeroTurnsPacingOff() {
    assertThat(RateLimitConfig.UNLIMITED.pacesRequests()).isFalse();
    assertThat(RateLimitConfig.UNLIMITED.pacesResourceUnits()).isFalse();
    assertThat(new RateLimitConfig(0.5, 8000).pacesResourceUnits()).isTrue();
  }

  private static RateLimitConfig rateLimitWith(String key, String v) {
    return key.equals("requestsPerSecond") ? new RateLimitConfig(Double.valueOf(v), null)
        : new RateLimitConfig(null, Integer.valueOf(v));
  }

  private static RetryConfig retryWith(String key, String v) {
    return new RetryConfig(
        key.equals("maxAttempts") ? Integer.valueOf(v) : null,
        key.equals("initialBackoff") ? Duration.parse(v) : null,
        key.equals("multiplier") ? Double.valueOf(v) : null,
        key.equals("jitter") ? Double.valueOf(v) : null,
        key.equals("maxWait") ? Duration.parse(v) : null,
        key.equals("budget") ? Duration.parse(v) : null,
        key.equals("breakerThreshold") ? Integer.valueOf(v) : null,
        key.equals("attemptTimeout") ? Duration.parse(v) : null);
  }
}
