package io.dirsync.emulator.google;

import static io.dirsync.emulator.google.EmulatorHttp.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleTokenEndpointTest {

  @TempDir
  static Path dir;
  static GoogleEmulator emu;
  static EmulatorHttp http;

  @BeforeAll
  static void start() throws Exception {
    emu = GoogleEmulator.builder().users(5).groups(2).start();
    http = new EmulatorHttp(emu, dir);
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  private static Map<String, Object> with(String k, Object v) {
    Map<String, Object> m = new HashMap<>();
    m.put(k, v);
    return m;
  }

  @Test
  void keyFilePointsTokenUriAtTheEmulator() {
    assertThat(http.keyFile().get("type").asText()).isEqualTo("service_account");
    assertThat(http.keyFile().get("token_uri").asText()).isEqualTo(emu.tokenUrl());
    assertThat(http.keyFile().get("client_email").asText()).isEqualTo(emu.serviceAccountEmail());
    assertThat(http.keyFile().get("private_key").asText()).startsWith("-----BEGIN PRIVATE KEY-----");
  }

  @Test
  void issuesABearerTokenForAValidDelegatedAssertion() throws Exception {
    EmulatorHttp.Reply r = http.token(http.assertion(Map.of()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(r.json().get("expires_in").isIntegralNumber()).isTrue();
    assertThat(r.json().get("access_token").asText()).isNotBlank();
  }

  @Test
  void refusesAForgedSignature() throws Exception {
    String a = http.assertion(Map.of());
    String forged = a.substring(0, a.lastIndexOf('.') + 1) + "AAAA" + a.substring(a.lastIndexOf('.') + 5);
    EmulatorHttp.Reply r = http.token(forged);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void refusesATokenLongerThanAnHourWithTheDocumentedBody() throws Exception {
    long now = java.time.Instant.now().getEpochSecond();
    Map<String, Object> claims = with("iat", now);
    claims.put("exp", now + 3601);
    EmulatorHttp.Reply r = http.token(http.assertion(claims));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json()).isEqualTo(fixture("token_error_invalid_grant_clock.json"));
  }

  @Test
  void refusesAnAudienceOtherThanGooglesTokenEndpoint() throws Exception {
    EmulatorHttp.Reply r = http.token(http.assertion(with("aud", emu.tokenUrl())));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void refusesScopesOutsideTheDelegationWithTheDocumentedBody() throws Exception {
    EmulatorHttp.Reply r = http.token(http.assertion(with("scope",
        "https://www.googleapis.com/auth/admin.directory.user")));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json()).isEqualTo(fixture("token_error_unauthorized_client_dwd.json"));
  }

  @Test
  void refusesASubjectThatIsNoUserOfTheDomain() throws Exception {
    EmulatorHttp.Reply r = http.token(http.assertion(with("sub", "nobody@elsewhere.example")));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error_description").asText()).isEqualTo("Invalid email or User ID");
  }

  @Test
  void aTokenWithoutDelegationIsForbiddenOnTheApi() throws Exception {
    EmulatorHttp.Reply t = http.token(http.assertion(with("sub", null)));
    assertThat(t.status()).isEqualTo(200);
    EmulatorHttp.Reply r = http.get("users", Map.of("customer", "my_customer"), t.json().get("access_token").asText());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json()).isEqualTo(fixture("error_403_forbidden_not_admin.OBSERVED.json"));
  }

  @Test
  void aNonAdminSubjectIsForbiddenOnTheApi() throws Exception {
    String plain = emu.addUser(GoogleUser.builder("plain@" + emu.domain()).name("Plain", "User").build())
        .primaryEmail();
    EmulatorHttp.Reply t = http.token(http.assertion(with("sub", plain)));
    EmulatorHttp.Reply r = http.get("users", Map.of("customer", "my_customer"), t.json().get("access_token").asText());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/errors/0/reason").asText()).isEqualTo("forbidden");
  }

  @Test
  void aTokenWithoutTheMethodsScopeGetsInsufficientPermissions() throws Exception {
    EmulatorHttp.Reply t = http.token(http.assertion(with("scope", EmulatorHttp.USER_RO)));
    EmulatorHttp.Reply r = http.get("groups", Map.of("customer", "my_customer"), t.json().get("access_token").asText());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.json().at("/error/errors/0/reason").asText()).isEqualTo("insufficientPermissions");
  }

  @Test
  void missingOrUnknownBearerGetsAuthErrorAsDocumented() throws Exception {
    EmulatorHttp.Reply r = http.get("users", Map.of("customer", "my_customer"), "ya29.nonsense");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json()).isEqualTo(fixture("error_401_authError.NOT_VALID_JSON_trailing_comma.txt"));
    assertThat(http.get("users", Map.of("customer", "my_customer"), null).status()).isEqualTo(401);
  }
}
