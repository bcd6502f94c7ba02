package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.emulator.google.Breakage;
import io.dirsync.emulator.google.Fault;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleError;
import io.dirsync.emulator.google.GoogleUser;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error the Directory API and its token endpoint give, as the engine sees it. */
class GoogleErrorClassificationTest {

  @TempDir
  Path dir;
  EmulatedGoogle google;
  GoogleEmulator emu;

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(10).groups(3).start();
    google = new EmulatedGoogle(emu, dir);
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private ConnectorException listingFails() {
    return catchThrowableOfType(ConnectorException.class, () -> google.connector().listAll(new Listed()));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource({
      "USER_RATE_LIMIT_EXCEEDED, USERS, RATE_LIMITED, quota",
      "RATE_LIMIT_EXCEEDED_403, GROUPS, RATE_LIMITED, quota",
      "RATE_LIMIT_EXCEEDED_403_STATUS_ONLY, MEMBERS, RATE_LIMITED, quota",
      "QUOTA_EXCEEDED, MEMBERS, RATE_LIMITED, quota",
      "RATE_LIMIT_EXCEEDED_429, USERS, RATE_LIMITED, quota",
      "BACKEND_ERROR_500, MEMBERS, TRANSIENT, backendError",
      "BACKEND_ERROR_503, USERS, TRANSIENT, backendError",
      "FORBIDDEN, USERS, AUTH_FAILED, super admin",
      "INSUFFICIENT_PERMISSIONS, GROUPS, AUTH_FAILED, Domain-wide delegation",
      "ACCESS_NOT_CONFIGURED, USERS, AUTH_FAILED, enable admin.googleapis.com",
      "BAD_REQUEST, USERS, MISCONFIGURED, refused",
      "GROUP_NOT_FOUND, MEMBERS, MISCONFIGURED, not found"})
  void classifiesEachApiError(GoogleError error, Resource on, Kind kind, String words) {
    emu.faults().failNext(on, 1, error);
    ConnectorException e = listingFails();
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.kind().retryable()).isEqualTo(error.retryable());
    assertThat(e.getMessage()).contains(words);
  }

  @Test
  void throttlingCarriesRetryAfterWhenGiven() {
    emu.faults().failNext(Resource.USERS, 1, Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_429)
        .withRetryAfter(Duration.ofSeconds(7)));
    ConnectorException e = listingFails();
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.retryAfter()).hasValue(Duration.ofSeconds(7));
  }

  @Test
  void aFailedMembersPageFailsTheWholeListing() {
    emu.faults().failPage(Resource.MEMBERS, 0, Fault.of(GoogleError.BACKEND_ERROR_500));
    assertThat(listingFails().kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void delegationWithoutTheScopesIsAuthFailedNamingTheClientIdAndScopes() {
    emu.delegatedScopes(Set.of("https://www.googleapis.com/auth/admin.directory.user.readonly"));
    ConnectorException e = listingFails();
    assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
    assertThat(e.getMessage()).contains("unauthorized_client").contains(emu.serviceAccountClientId())
        .contains("admin.directory.group.member.readonly").contains("Domain-wide delegation");
  }

  @Test
  void aSubjectOutsideTheAccountIsAuthFailedNamingTheSubject() throws Exception {
    var config = google.config(b -> b.set(c -> c.subject = "ghost@" + emu.domain()));
    ConnectorException e = catchThrowableOfType(ConnectorException.class,
        () -> google.connector(config, NestedGroups.DIRECT).listAll(new Listed()));
    assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
    assertThat(e.getMessage()).contains("ghost@" + emu.domain()).contains("not a user");
  }

  @Test
  void aSubjectWhoIsNoAdminIsAuthFailedSayingSo() throws Exception {
    String plain = emu.addUser(GoogleUser.builder("clerk@" + emu.domain()).name("C", "Lerk").build()).primaryEmail();
    var config = google.config(b -> b.set(c -> c.subject = plain));
    ConnectorException e = catchThrowableOfType(ConnectorException.class,
        () -> google.connector(config, NestedGroups.DIRECT).listAll(new Listed()));
    assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
    assertThat(e.getMessage()).contains(plain).contains("super admin");
  }

  @Test
  void aRejectedTokenIsRefreshedOnceThenAuthFailed() {
    emu.faults().failNext(Resource.USERS, 1, GoogleError.AUTH_ERROR);
    assertThat(listingFails()).as("one 401 is healed by a token refresh").isNull();
    emu.faults().failNext(Resource.USERS, 2, GoogleError.AUTH_ERROR);
    ConnectorException e = listingFails();
    assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
    assertThat(e.getMessage()).contains("401");
  }

  @Test
  void aTokenEndpointOutageIsTransientAndNotRetriedByTheSdk() {
    emu.faults().failNext(Resource.TOKEN, 1, GoogleError.TOKEN_UNAVAILABLE);
    ConnectorException e = listingFails();
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(emu.journal().requests(Resource.TOKEN)).hasSize(1);
  }

  @Test
  void aDroppedConnectionIsTransient() {
    // two: HttpURLConnection repeats a GET once by itself when the connection ends without a response
    emu.faults().breakNext(Resource.USERS, 2, Breakage.DROP_CONNECTION);
    assertThat(listingFails().kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(emu.journal().requests(Resource.USERS)).hasSize(2);
  }

  @Test
  void aTruncatedPageIsTransientNotAnEmptyPage() {
    emu.faults().breakNext(Resource.USERS, 1, Breakage.TRUNCATED_BODY);
    ConnectorException e = listingFails();
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void anUnreachableServerIsTransient() throws Exception {
    var config = google.config(b -> b.set(c -> c.directory = "http://127.0.0.1:1/"));
    emu.close();
    ConnectorException e = catchThrowableOfType(ConnectorException.class,
        () -> google.connector(config, NestedGroups.DIRECT).listAll(new Listed()));
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
  }

  @Test
  void noSecretEndsUpInAMessage() throws Exception {
    String key = java.nio.file.Files.readString(google.keyFile);
    String privateKeyLine = key.lines().filter(l -> l.contains("private_key\"")).findFirst().orElseThrow();
    for (GoogleError error : List.of(GoogleError.FORBIDDEN, GoogleError.AUTH_ERROR, GoogleError.BACKEND_ERROR_500)) {
      emu.faults().failNext(Resource.USERS, 2, error);
      ConnectorException e = listingFails();
      emu.faults().clear();
      assertThat(e.getMessage()).doesNotContain("ya29.").doesNotContain(privateKeyLine.substring(20, 60));
    }
  }

  @Test
  void connectionCheckReadsOnePageAfterATokenAndExplainsFailures() throws Exception {
    ConnectionCheck check = google.connector();
    assertThat(check.checkConnection()).contains(emu.adminEmail()).contains("users");
    assertThat(emu.journal().requests(Resource.USERS)).hasSize(1)
        .allSatisfy(r -> assertThat(r.param("maxResults")).isEqualTo("1"));
    emu.faults().apiDisabled(true);
    ConnectorException e = catchThrowableOfType(ConnectorException.class, check::checkConnection);
    assertThat(e.kind()).isEqualTo(Kind.AUTH_FAILED);
    assertThat(e.getMessage()).contains("enable admin.googleapis.com");
  }
}
