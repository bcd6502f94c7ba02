package io.dirsync.emulator.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** A bare HTTP client for emulator tests: signs JWT assertions with the key file and reads JSON. */
final class EmulatorHttp {

  static final String USER_RO = "https://www.googleapis.com/auth/admin.directory.user.readonly";
  static final String GROUP_RO = "https://www.googleapis.com/auth/admin.directory.group.readonly";
  static final String MEMBER_RO = "https://www.googleapis.com/auth/admin.directory.group.member.readonly";
  static final String ALL_RO = USER_RO + " " + GROUP_RO + " " + MEMBER_RO;

  record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
  }

  static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final GoogleEmulator emu;
  private final JsonNode key;

  EmulatorHttp(GoogleEmulator emu, Path dir) throws IOException {
    this.emu = emu;
    this.key = JSON.readTree(Files.readString(emu.writeServiceAccountKey(dir.resolve("sa.json"))));
  }

  JsonNode keyFile() {
    return key;
  }

  String assertion(Map<String, Object> claimsOverride) throws Exception {
    long now = Instant.now().getEpochSecond();
    ObjectNode claims = JSON.createObjectNode();
    claims.put("iss", key.get("client_email").asText());
    claims.put("sub", emu.adminEmail());
    claims.put("scope", ALL_RO);
    claims.put("aud", "https://oauth2.googleapis.com/token");
    claims.put("iat", now);
    claims.put("exp", now + 3600);
    claimsOverride.forEach((k, v) -> {
      if (v == null) {
        claims.remove(k);
      } else {
        claims.set(k, JSON.valueToTree(v));
      }
    });
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT")
        .put("kid", key.get("private_key_id").asText());
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
        + b64.encodeToString(JSON.writeValueAsBytes(claims));
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(privateKey());
    s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64.encodeToString(s.sign());
  }

  Reply token(String assertion) throws Exception {
    String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + enc(assertion);
    HttpRequest req = HttpRequest.newBuilder(URI.create(emu.tokenUrl()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    return reply(http.send(req, HttpResponse.BodyHandlers.ofString()));
  }

  String accessToken() throws Exception {
    Reply r = token(assertion(Map.of()));
    if (r.status() != 200) {
      throw new AssertionError("token: " + r.body());
    }
    return r.json().get("access_token").asText();
  }

  Reply get(String pathAndQuery, String accessToken) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.rootUrl() + pathAndQuery)).GET();
    if (accessToken != null) {
      b.header("Authorization", "Bearer " + accessToken);
    }
    return reply(http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
  }

  Reply get(String resource, Map<String, String> params, String accessToken) throws Exception {
    String q = params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return get("admin/directory/v1/" + resource + (q.isEmpty() ? "" : "?" + q), accessToken);
  }

  private static Reply reply(HttpResponse<String> r) throws IOException {
    JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    return new Reply(r.statusCode(), json, r.body(), r);
  }

  private PrivateKey privateKey() throws Exception {
    String pem = key.get("private_key").asText().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Reads a fixture of shared/api/fixtures/google, tolerating the documentation's trailing commas. */
  static JsonNode fixture(String name) throws IOException {
    try (var in = EmulatorHttp.class.getResourceAsStream("fixtures/" + name)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      text = text.replaceAll("(?m)^\\s*\\.\\.\\.\\s*$", "");
      return JSON.readTree(text.replaceAll(",(\\s*[}\\]])", "$1"));
    }
  }
}
