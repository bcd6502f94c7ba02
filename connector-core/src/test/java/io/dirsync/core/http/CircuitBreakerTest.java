package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A directory whose source keeps failing stops its run early; the next run tries again; others are untouched. */
class CircuitBreakerTest {

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private final RetryConfig threeInARow = new RetryConfig(10, null, null, 0d, null, null, 3, null);

  private DirectoryResilience directory(String id) {
    return new DirectoryResilience(id, threeInARow, RateLimitConfig.UNLIMITED, Clock.systemUTC(), sleeper);
  }

  private static ConnectorException down() {
    return new ConnectorException(Kind.TRANSIENT, "Graph failed on users page 1 (503)");
  }

  @Test
  void consecutiveFailuresOpenTheBreakerAndTheRestOfTheRunFailsFast() throws Exception {
    DirectoryResilience r = directory("contoso");
    r.beginRun();
    ScriptedRequest first = ScriptedRequest.failing(100, down());
    assertThatThrownBy(() -> r.call("users page 1", first)).isInstanceOf(ConnectorException.class)
        .hasMessageContaining("failed 3 times in a row").hasMessageContaining("the next run tries again")
        .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(first.calls).isEqualTo(3);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
    assertThat(r.breakerOpen()).isTrue();

    ScriptedRequest other = ScriptedRequest.failing(0, down());
    assertThatThrownBy(() -> r.call("groups page 1", other)).hasMessageContaining("failed 3 times in a row");
    assertThat(other.calls).as("not attempted while open").isZero();

    r.beginRun();
    assertThat(r.breakerOpen()).isFalse();
    assertThat(r.call("users page 1", other)).isEqualTo("ok");
  }

  @Test
  void aSuccessInBetweenKeepsTheBreakerClosed() throws Exception {
    DirectoryResilience r = directory("contoso");
    r.beginRun();
    for (int page = 1; page <= 5; page++) {
      assertThat(r.call("users page " + page, ScriptedRequest.failing(2, down()))).isEqualTo("ok");
    }
    assertThat(r.breakerOpen()).isFalse();
    assertThat(r.meter().retries()).isEqualTo(10);
  }

  @Test
  void throttlingDoesNotOpenTheBreaker() throws Exception {
    DirectoryResilience r = directory("contoso");
    r.beginRun();
    ScriptedRequest throttled = ScriptedRequest.failing(8, ConnectorException.rateLimited("429", Duration.ofSeconds(1)));
    assertThat(r.call("users page 1", throttled)).isEqualTo("ok");
    assertThat(r.breakerOpen()).isFalse();
  }

  @Test
  void oneDirectorysOutageNeverTouchesAnother() throws Exception {
    DirectoryResilience broken = directory("contoso");
    DirectoryResilience healthy = directory("acme");
    broken.beginRun();
    healthy.beginRun();
    assertThatThrownBy(() -> broken.call("users page 1", ScriptedRequest.failing(100, down())));
    sleeper.clear();
    assertThat(healthy.call("users page 1", ScriptedRequest.failing(0, down()))).isEqualTo("ok");
    assertThat(healthy.breakerOpen()).isFalse();
    assertThat(healthy.meter().retries()).isZero();
    assertThat(sleeper.waits()).isEmpty();
  }
}
