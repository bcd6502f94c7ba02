package io.dirsync.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The waits chosen, the attempts made and what is counted, with a sleeper that returns at once. */
class DirectoryResilienceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-10-21T07:28:00Z"), ZoneOffset.UTC);
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private DirectoryResilience resilience(RetryConfig retry) {
    return new DirectoryResilience("contoso", retry, RateLimitConfig.UNLIMITED, CLOCK, sleeper, () -> 0.5);
  }

  private static ConnectorException transientFailure() {
    return new ConnectorException(Kind.TRANSIENT, "Graph failed on users page 2 (503)");
  }

  @Test
  void transientFailuresAreRetriedWithExponentialBackoff() throws Exception {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    RunMeter meter = r.beginRun();
    ScriptedRequest request = ScriptedRequest.failing(3, transientFailure());
    assertThat(r.call("users page 2", request)).isEqualTo("ok");
    assertThat(request.calls).isEqualTo(4);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L, 4000L);
    assertThat(meter.retries()).isEqualTo(3);
    assertThat(meter.throttled()).isZero();
    assertThat(meter.waited()).isEqualTo(Duration.ofSeconds(7));
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource({"10,10000", "2.128,2128", "0,0", "'Wed, 21 Oct 2026 07:28:30 GMT',30000",
      "'Wed, 21 Oct 2026 07:00:00 GMT',0"})
  void throttlingWaitsExactlyWhatTheSourceAsked(String header, long millis) throws Exception {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    RunMeter meter = r.beginRun();
    ConnectorException throttled = ConnectorException.rateLimited("throttled (429)",
        RetryAfter.parse(header, CLOCK).orElseThrow());
    ScriptedRequest request = ScriptedRequest.failing(3, throttled);
    assertThat(r.call("users page 1", request)).isEqualTo("ok");
    assertThat(sleeper.waitsMillis()).containsExactly(millis, millis, millis);
    assertThat(meter.throttled()).isEqualTo(3);
    assertThat(meter.retries()).isEqualTo(3);
    assertThat(meter.retryWaited()).isEqualTo(Duration.ofMillis(3 * millis));
  }

  @Test
  void throttlingWithoutRetryAfterBacksOff() throws Exception {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    r.call("users page 1", ScriptedRequest.failing(2, ConnectorException.rateLimited("429", null)));
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"AUTH_FAILED", "CURSOR_EXPIRED", "MISCONFIGURED"})
  void otherFailuresAreNeverRetried(Kind kind) {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    ConnectorException failure = new ConnectorException(kind, "no");
    ScriptedRequest request = ScriptedRequest.failing(1, failure);
    assertThatThrownBy(() -> r.call("users page 1", request)).isSameAs(failure);
    assertThat(request.calls).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheKindOfTheLastFailure() {
    DirectoryResilience r = resilience(new RetryConfig(4, null, null, null, null, null, null, null));
    ScriptedRequest request = ScriptedRequest.failing(100, transientFailure());
    assertThatThrownBy(() -> r.call("users page 2", request)).isInstanceOf(ConnectorException.class)
        .hasMessageContaining("gave up after 4 attempts")
        .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(request.calls).isEqualTo(4);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L, 4000L);
  }

  @Test
  void noBackoffIsLongerThanMaxWait() throws Exception {
    DirectoryResilience r = resilience(new RetryConfig(8, null, 3d, null, Duration.ofSeconds(20), null, null, null));
    r.call("users page 2", ScriptedRequest.failing(6, transientFailure()));
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 3000L, 9000L, 20000L, 20000L, 20000L);
  }

  @Test
  void aRetryAfterLongerThanMaxWaitFailsTheRequestInsteadOfWaiting() {
    DirectoryResilience r = resilience(new RetryConfig(null, null, null, null, Duration.ofSeconds(30), null, null, null));
    ScriptedRequest request = ScriptedRequest.failing(1, ConnectorException.rateLimited("429", Duration.ofSeconds(31)));
    assertThatThrownBy(() -> r.call("users page 1", request)).hasMessageContaining("longer than retry.maxWait 30s")
        .extracting(e -> ((ConnectorException) e).retryAfter()).isEqualTo(java.util.Optional.of(Duration.ofSeconds(31)));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void theRunsBudgetIsSharedByItsRequestsAndRenewedForTheNextRun() throws Exception {
    DirectoryResilience r = resilience(new RetryConfig(null, null, null, null, null, Duration.ofSeconds(5), null, null));
    r.beginRun();
    r.call("users page 1", ScriptedRequest.failing(2, transientFailure()));
    ScriptedRequest second = ScriptedRequest.failing(5, transientFailure());
    assertThatThrownBy(() -> r.call("users page 2", second)).hasMessageContaining("retry.budget 5s is used up");
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L, 1000L);
    assertThat(second.calls).isEqualTo(2);
    assertThat(r.meter().retryWaited()).isEqualTo(Duration.ofSeconds(4));

    RunMeter next = r.beginRun();
    assertThat(r.call("users page 1", ScriptedRequest.failing(2, transientFailure()))).isEqualTo("ok");
    assertThat(next.retries()).isEqualTo(2);
  }

  @Test
  void jitterSpreadsBackoffAroundItsBase() throws Exception {
    for (double random : new double[] {0, 0.25, 0.75}) {
      DirectoryResilience r = new DirectoryResilience("contoso", new RetryConfig(null, null, null, 0.2, null, null, null, null),
          RateLimitConfig.UNLIMITED, CLOCK, sleeper, () -> random);
      r.call("users page 1", ScriptedRequest.failing(2, transientFailure()));
    }
    assertThat(sleeper.waitsMillis()).containsExactly(800L, 1600L, 900L, 1800L, 1100L, 2200L);
  }

  @Test
  void retryAfterIsNeverJittered() throws Exception {
    DirectoryResilience r = new DirectoryResilience("contoso", new RetryConfig(null, null, null, 1d, null, null, null, null),
        RateLimitConfig.UNLIMITED, CLOCK, sleeper, () -> 0.9);
    r.call("users page 1", ScriptedRequest.failing(1, ConnectorException.rateLimited("429", Duration.ofMillis(2128))));
    assertThat(sleeper.waitsMillis()).containsExactly(2128L);
  }

  @Test
  void anInterruptWhileWaitingStopsTheRequest() {
    DirectoryResilience r = new DirectoryResilience("contoso", RetryConfig.DEFAULTS, RateLimitConfig.UNLIMITED, CLOCK,
        d -> {
          throw new InterruptedException("stop");
        });
    ScriptedRequest request = ScriptedRequest.failing(3, transientFailure());
    assertThatThrownBy(() -> r.call("users page 1", request)).isInstanceOf(InterruptedException.class);
    assertThat(request.calls).isEqualTo(1);
  }

  @Test
  void anInterruptedRequestIsNotRetried() {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    int[] calls = {0};
    assertThatThrownBy(() -> r.call("users page 1", () -> {
      calls[0]++;
      throw new InterruptedException("cancelled");
    })).isInstanceOf(InterruptedException.class);
    assertThat(calls[0]).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void noRetriesTriesOnce() {
    DirectoryResilience r = resilience(RetryConfig.NO_RETRIES);
    ConnectorException failure = transientFailure();
    ScriptedRequest request = ScriptedRequest.failing(1, failure);
    assertThatThrownBy(() -> r.call("users page 1", request)).isSameAs(failure);
    assertThat(request.calls).isEqualTo(1);
  }

  @Test
  void theSystemSleeperNeverSwallowsAnInterrupt() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(Duration.ofMillis(1))).isInstanceOf(InterruptedException.class);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void noAttemptStartsOnceTheRunWasStopped() {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    ScriptedRequest request = ScriptedRequest.failing(0, transientFailure());
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> r.call("members page 2", request)).isInstanceOf(InterruptedException.class)
          .hasMessageContaining("members page 2 not attempted");
    } finally {
      Thread.interrupted();
    }
    assertThat(request.calls).isZero();
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aRetryWhoseWaitWasInterruptedIsNotCounted() throws Exception {
    java.util.concurrent.atomic.AtomicInteger waits = new java.util.concurrent.atomic.AtomicInteger();
    Sleeper stopsOnSecondWait = d -> {
      if (waits.incrementAndGet() == 2) {
        throw new InterruptedException("run stopped");
      }
    };
    DirectoryResilience r = new DirectoryResilience("contoso", RetryConfig.DEFAULTS, RateLimitConfig.UNLIMITED, CLOCK,
        stopsOnSecondWait, () -> 0.5);
    RunMeter meter = r.beginRun();
    ScriptedRequest request = ScriptedRequest.failing(5, transientFailure());
    assertThatThrownBy(() -> r.call("users page 2", request)).isInstanceOf(InterruptedException.class);
    assertThat(request.calls).as("the request made, its one retry").isEqualTo(2);
    assertThat(meter.retries()).as("only the retry that was made counts").isEqualTo(1);
    assertThat(meter.retryWaited()).as("only the wait that was served counts").isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void runtimeFailuresAreBugsAndPassStraightThrough() {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    assertThatThrownBy(() -> r.call("users page 1", () -> {
      throw new IllegalStateException("bug");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void theMeterCountsConcurrentRequestsOfTheRun() throws Exception {
    DirectoryResilience r = resilience(RetryConfig.DEFAULTS);
    RunMeter meter = r.beginRun();
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread t = new Thread(() -> {
        try {
          r.call("members", ScriptedRequest.failing(1, ConnectorException.rateLimited("429", Duration.ofSeconds(1))));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(meter.retries()).isEqualTo(4);
    assertThat(meter.throttled()).isEqualTo(4);
    assertThat(meter.waited()).isEqualTo(Duration.ofSeconds(4));
  }
}
