package io.dirsync.emulator.google;

import io.dirsync.emulator.common.Gate;
import static io.dirsync.emulator.google.EmulatorHttp.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoogleFaultsTest {

  @org.junit.jupiter.api.io.TempDir
  Path dir;
  SettableClock clock = new SettableClock(Instant.now());
  GoogleEmulator emu;
  EmulatorHttp http;
  String token;
  static final Map<String, String> USERS = Map.of("customer", "my_customer", "maxResults", "10");

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(30).groups(3).clock(clock).start();
    http = new EmulatorHttp(emu, dir);
    token = http.accessToken();
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  @ParameterizedTest
  @CsvSource({
      "USER_RATE_LIMIT_EXCEEDED, 403, error_403_userRateLimitExceeded.json",
      "RATE_LIMIT_EXCEEDED_403, 403, error_403_rateLimitExceeded.json",
      "RATE_LIMIT_EXCEEDED_429, 429, error_429_rateLimitExceeded.json",
      "BACKEND_ERROR_500, 500, error_500_backendError.NOT_VALID_JSON_trailing_comma.txt",
      "BACKEND_ERROR_503, 503, error_503_backendError_directory_list_over_60min.json",
      "FORBIDDEN, 403, error_403_forbidden_not_admin.OBSERVED.json",
      "AUTH_ERROR, 401, error_401_authError.NOT_VALID_JSON_trailing_comma.txt"})
  void servesErrorBodiesExactlyAsTheFixtures(GoogleError error, int status, String fixture) throws Exception {
    emu.faults().failNext(Resource.USERS, 1, error);
    EmulatorHttp.Reply r = http.get("users", USERS, token);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.json()).isEqualTo(fixture(fixture));
    assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith(
        "application/json"));
    assertThat(http.get("users", USERS, token).status()).as("only the next request fails").isEqualTo(200);
  }

  @ParameterizedTest
  @CsvSource({"QUOTA_EXCEEDED, quotaExceeded", "INSUFFICIENT_PERMISSIONS, insufficientPermissions",
      "ACCESS_NOT_CONFIGURED, accessNotConfigured"})
  void servesTheOtherReasonsInTheSameEnvelope(GoogleError error, String reason) throws Exception {
    emu.faults().failNext(null, 1, error);
    EmulatorHttp.Reply r = http.get("users", USERS, token);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/code").asInt()).isEqualTo(403);
    assertThat(r.json().at("/error/errors/0/reason").asText()).isEqualTo(reason);
  }

  @Test
  void retryAfterIsSentWhenAsked() throws Exception {
    emu.faults().failNext(Resource.USERS, 1, Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_429)
        .withRetryAfter(Duration.ofSeconds(7)));
    assertThat(http.get("users", USERS, token).raw().headers().firstValue("Retry-After")).hasValue("7");
  }

  @Test
  void aFailedPageFailsEveryTimeUntilCleared() throws Exception {
    emu.faults().failPage(Resource.USERS, 1, Fault.of(GoogleError.BACKEND_ERROR_500));
    String t = http.get("users", USERS, token).json().get("nextPageToken").asText();
    Map<String, String> second = new java.util.HashMap<>(USERS);
    second.put("pageToken", t);
    assertThat(http.get("users", second, token).status()).isEqualTo(500);
    assertThat(http.get("users", second, token).status()).isEqualTo(500);
    emu.faults().clearPage(Resource.USERS, 1);
    assertThat(http.get("users", second, token).status()).isEqualTo(200);
    assertThat(emu.journal().requests(Resource.USERS)).extracting(RecordedRequest::pageIndex)
        .containsExactly(0, 1, 1, 1);
  }

  @Test
  void perMinuteQuotaGivesUserRateLimitExceededUntilTheNextMinute() throws Exception {
    emu.faults().quotaPerMinute(3);
    clock.advance(Duration.ofSeconds(60 - clock.instant().getEpochSecond() % 60));
    for (int i = 0; i < 3; i++) {
      assertThat(http.get("users", USERS, token).status()).isEqualTo(200);
    }
    EmulatorHttp.Reply r = http.get("users", USERS, token);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json()).isEqualTo(fixture("error_403_userRateLimitExceeded.json"));
    clock.advance(Duration.ofMinutes(1));
    assertThat(http.get("users", USERS, token).status()).isEqualTo(200);
  }

  @Test
  void apiDisabledGivesAccessNotConfigured() throws Exception {
    emu.faults().apiDisabled(true);
    EmulatorHttp.Reply r = http.get("users", USERS, token);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/errors/0/reason").asText()).isEqualTo("accessNotConfigured");
  }

  @Test
  void brokenAnswersDropTheConnectionOrCutTheBody() throws Exception {
    // JDK clients silently repeat a GET once when the connection ends without a response
    emu.faults().breakNext(Resource.USERS, 2, Breakage.DROP_CONNECTION);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.get("users", USERS, token))
        .isInstanceOf(java.io.IOException.class);
    emu.faults().breakNext(Resource.USERS, 1, Breakage.TRUNCATED_BODY);
    EmulatorHttp.Reply r = null;
    try {
      r = http.get("users", USERS, token);
    } catch (com.fasterxml.jackson.core.JsonProcessingException expected) {
      // the body is cut halfway: not JSON
    }
    assertThat(r).isNull();
    assertThat(http.get("users", USERS, token).status()).isEqualTo(200);
  }

  @Test
  void tokenEndpointFaultsAreScriptable() throws Exception {
    emu.faults().failNext(Resource.TOKEN, 1, GoogleError.TOKEN_UNAVAILABLE);
    assertThat(http.token(http.assertion(Map.of())).status()).isEqualTo(503);
    assertThat(http.token(http.assertion(Map.of())).status()).isEqualTo(200);
  }

  @Test
  void aGateHoldsRequestsAndTheJournalSeesThemInFlight() throws Exception {
    Gate gate = emu.faults().hold(Resource.USERS);
    var a = CompletableFuture.supplyAsync(() -> call());
    var b = CompletableFuture.supplyAsync(() -> call());
    org.awaitility.Awaitility.await().until(() -> gate.waiting() == 2);
    gate.release();
    assertThat(a.join()).isEqualTo(200);
    assertThat(b.join()).isEqualTo(200);
    assertThat(emu.journal().peakConcurrency()).isEqualTo(2);
  }

  @Test
  void journalRecordsMethodQueryAuthorizationAndSubject() throws Exception {
    http.get("users", USERS, token);
    RecordedRequest r = emu.journal().requests(Resource.USERS).get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.param("maxResults")).isEqualTo("10");
    assertThat(r.authorization()).isEqualTo("Bearer " + token);
    assertThat(r.subject()).isEqualTo(emu.adminEmail());
    assertThat(r.status()).isEqualTo(200);
  }

  private int call() {
    try {
      return http.get("users", USERS, token).status();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
