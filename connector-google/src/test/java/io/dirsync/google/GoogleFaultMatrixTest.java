package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.emulator.google.Breakage;
import io.dirsync.emulator.google.Fault;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleError;
import io.dirsync.emulator.google.RecordedRequest;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 5's fault matrix for the Google Directory API: the real Google client against the
 * emulator, through the directory's retry layer with a sleeper that records each wait. Every error
 * body of SPEC B6 on the second users page: quota 403s of each reason, 429 and 5xx are retried with
 * backoff (exact waits); 403 forbidden, insufficientPermissions, accessNotConfigured, 404 and 400
 * never; the retried page is requested again with the same page token, and no other page twice.
 */
class GoogleFaultMatrixTest {

  @TempDir
  Path dir;
  private GoogleEmulator emu;
  private EmulatedGoogle google;
  private Listed expected;
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(30).groups(3).start(); // 31 users with the admin: 4 pages of 10
    emu.faults().pageSizeCap(10);
    google = new EmulatedGoogle(emu, dir);
    expected = Listed.of(google.connector());
    emu.journal().clear();
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private GoogleConnector connector(RetryConfig retry) {
    DirectoryResilience r = new DirectoryResilience("acme", retry, RateLimitConfig.UNLIMITED, Clock.systemUTC(),
        sleeper, () -> 0.5);
    r.beginRun();
    return google.connector(google.config(), NestedGroups.DIRECT, r);
  }

  private ConnectorException listWith(RetryConfig retry) throws Exception {
    GoogleConnector c = connector(retry);
    try {
      Listed got = Listed.of(c);
      assertThat(got.users.keySet()).isEqualTo(expected.users.keySet());
      assertThat(got.groups.keySet()).isEqualTo(expected.groups.keySet());
      assertThat(Set.copyOf(got.memberships)).isEqualTo(Set.copyOf(expected.memberships));
      return null;
    } catch (ConnectorException e) {
      return e;
    } finally {
      c.close();
    }
  }

  private List<Integer> userPages() {
    return emu.journal().requests(Resource.USERS).stream().map(RecordedRequest::pageIndex).toList();
  }

  private List<Integer> statusesOfUserPage(int page) {
    return emu.journal().requests(Resource.USERS).stream().filter(r -> r.pageIndex() == page)
        .map(RecordedRequest::status).toList();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = GoogleError.class, names = {"USER_RATE_LIMIT_EXCEEDED", "RATE_LIMIT_EXCEEDED_403",
      "QUOTA_EXCEEDED", "RATE_LIMIT_EXCEEDED_403_STATUS_ONLY", "RATE_LIMIT_EXCEEDED_429"})
  void quotaErrorsOfEveryReasonAreThrottlingAndRetried(GoogleError error) throws Exception {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(error), 2);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(statusesOfUserPage(1)).containsExactly(error.status(), error.status(), 200);
    assertThat(userPages()).containsExactly(0, 1, 1, 1, 2, 3);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = GoogleError.class, names = {"BACKEND_ERROR_500", "BACKEND_ERROR_503"})
  void backendErrorsAreRetried(GoogleError error) throws Exception {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(error), 3);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(userPages()).containsExactly(0, 1, 1, 1, 1, 2, 3);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L, 4000L);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"FORBIDDEN, AUTH_FAILED", "INSUFFICIENT_PERMISSIONS, AUTH_FAILED", "ACCESS_NOT_CONFIGURED, AUTH_FAILED",
      "BAD_REQUEST, MISCONFIGURED"})
  void permissionAndRequestErrorsAreNeverRetried(GoogleError error, Kind kind) throws Exception {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(error), 1);
    ConnectorException e = listWith(RetryConfig.DEFAULTS);
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(userPages()).containsExactly(0, 1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aRetryAfterIsHonouredOverBackoff() throws Exception {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_429)
        .withRetryAfter(Duration.ofSeconds(7)), 2);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(sleeper.waitsMillis()).containsExactly(7000L, 7000L);
  }

  @Test
  void aTruncatedJsonBodyRepeatsThatPage() throws Exception {
    emu.faults().breakNext(Resource.USERS, 1, Breakage.TRUNCATED_BODY);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(userPages()).containsExactly(0, 0, 1, 2, 3);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L);
  }

  @Test
  void aDroppedConnectionRepeatsThatPage() throws Exception {
    // HttpURLConnection repeats a GET once by itself when the connection drops before any answer:
    // two breakages make one failed attempt that reaches the retry layer.
    emu.faults().breakNext(Resource.USERS, 2, Breakage.DROP_CONNECTION);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(sleeper.waitsMillis()).containsExactly(1000L);
    assertThat(emu.journal().requests(Resource.USERS).stream().filter(r -> r.pageIndex() == 0)).hasSize(3);
  }

  @Test
  void theTokenEndpointFailingTwiceWith503IsRetried() throws Exception {
    emu.faults().failNext(Resource.TOKEN, 2, GoogleError.TOKEN_UNAVAILABLE);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(emu.journal().requests(Resource.TOKEN)).extracting(RecordedRequest::status)
        .containsExactly(503, 503, 200);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
  }
}
