package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.emulator.google.Fault;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleError;
import io.dirsync.emulator.google.RecordedRequest;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector under connector-core's retry layer (default retry settings, waits recorded instead
 * of slept): a retry repeats the failed page, never the listing; throttling waits as asked; what
 * cannot heal is not retried.
 */
class GoogleRetryTest {

  @TempDir
  Path dir;
  EmulatedGoogle google;
  GoogleEmulator emu;
  final List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>()); // users and groups are listed at once
  DirectoryResilience resilience;
  GoogleConnector connector;

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(60).groups(6).start();
    emu.faults().pageSizeCap(20);
    google = new EmulatedGoogle(emu, dir);
    resilience = EmulatedGoogle.recordingRetries(waits);
    connector = google.connector(google.config(), NestedGroups.DIRECT, resilience);
    resilience.beginRun();
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private static List<Integer> pages(List<RecordedRequest> requests) {
    return requests.stream().map(RecordedRequest::pageIndex).toList();
  }

  @Test
  void aFailedPageIsRetriedAloneAndTheListingCompletes() throws Exception {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(GoogleError.BACKEND_ERROR_503), 2);
    Listed got = Listed.of(connector);
    assertThat(got.users).hasSize(emu.userCount());
    assertThat(pages(emu.journal().requests(Resource.USERS))).containsExactly(0, 1, 1, 1, 2, 3);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(resilience.meter().retries()).isEqualTo(2);
  }

  @Test
  void quotaErrorsAreRetriedHonouringRetryAfter() throws Exception {
    emu.faults().failPage(Resource.USERS, 2, Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_429)
        .withRetryAfter(Duration.ofSeconds(7)), 1);
    emu.faults().failPage(Resource.GROUPS, 0, Fault.of(GoogleError.USER_RATE_LIMIT_EXCEEDED), 1);
    Listed got = Listed.of(connector);
    assertThat(got.users).hasSize(emu.userCount());
    assertThat(got.groups).hasSize(6);
    assertThat(waits).as("users and groups are listed at once").containsExactlyInAnyOrder(Duration.ofSeconds(7),
        Duration.ofSeconds(1));
    assertThat(resilience.meter().throttled()).isEqualTo(2);
  }

  @Test
  void memberPagesOfConcurrentListingsAreRetriedEachOnItsOwn() throws Exception {
    emu.faults().failPage(Resource.MEMBERS, 0, Fault.of(GoogleError.BACKEND_ERROR_500), 3);
    Listed direct = Listed.of(connector);
    Listed reference = Listed.of(google.connector());
    assertThat(direct.memberships).containsExactlyInAnyOrderElementsOf(reference.memberships);
    assertThat(waits).hasSize(3);
  }

  @Test
  void permissionErrorsAreNotRetried() {
    emu.faults().failNext(Resource.USERS, 1, GoogleError.FORBIDDEN);
    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> Listed.of(connector));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.AUTH_FAILED);
    assertThat(emu.journal().requests(Resource.USERS)).hasSize(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void aPageThatNeverHealsFailsTheListingAfterTheLastAttempt() {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(GoogleError.BACKEND_ERROR_500));
    ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> Listed.of(connector));
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("gave up after 6 attempts");
    assertThat(pages(emu.journal().requests(Resource.USERS))).containsExactly(0, 1, 1, 1, 1, 1, 1);
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(8), Duration.ofSeconds(16));
  }

  @Test
  void anAttemptSlowerThanTheAttemptTimeoutFailsTransientAndIsRetried() throws Exception {
    DirectoryResilience quick = new DirectoryResilience("acme", new io.dirsync.core.http.RetryConfig(2, null, null,
        null, null, null, null, Duration.ofMillis(300)), io.dirsync.core.http.RateLimitConfig.UNLIMITED,
        java.time.Clock.systemUTC(), waits::add, () -> 0.5);
    GoogleConnector slow = google.connector(google.config(), NestedGroups.DIRECT, quick);
    Listed.of(slow);
    io.dirsync.emulator.common.Gate gate = emu.faults().hold(Resource.GROUPS);
    try {
      ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> Listed.of(slow));
      assertThat(e.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
      assertThat(e.getMessage()).contains("groups.list").contains("gave up after 2 attempts");
    } finally {
      gate.release();
    }
  }

  @Test
  void aTokenEndpointOutageIsRetriedByTheSameLayer() throws Exception {
    emu.faults().failNext(Resource.TOKEN, 2, GoogleError.TOKEN_UNAVAILABLE);
    Listed got = Listed.of(connector);
    assertThat(got.users).hasSize(emu.userCount());
    assertThat(emu.journal().requests(Resource.TOKEN)).hasSize(3);
    assertThat(waits).hasSize(2);
  }
}
