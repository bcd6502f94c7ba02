package io.dirsync.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;

/** A plain HTTPS client for the emulator's own tests: trusts its CA, gets a token, GETs JSON. */
final class GraphTestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
  }

  private final GraphEmulator emu;
  private final HttpClient http;
  private String token;

  GraphTestClient(GraphEmulator emu) {
    this.emu = emu;
    SSLContext ssl = new HandshakeCertificates.Builder().addTrustedCertificate(emu.caCertificate()).build().sslContext();
    this.http = HttpClient.newBuilder().sslContext(ssl).build();
  }

  Response token(Map<String, String> form) throws IOException, InterruptedException {
    StringBuilder body = new StringBuilder();
    form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest req = HttpRequest.newBuilder(URI.create(emu.loginUrl() + "/" + emu.tenantId() + "/oauth2/v2.0/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    return send(req);
  }

  String bearer() throws IOException, InterruptedException {
    if (token == null) {
      Response r = token(Map.of("client_id", emu.clientId(), "client_secret", emu.clientSecret(),
          "scope", emu.scope(), "grant_type", "client_credentials"));
      token = r.body().get("access_token").asText();
    }
    return token;
  }

  /** The next request fetches a new access token (after the emulator clock moved past its expiry). */
  void forgetToken() {
    token = null;
  }

  /** GET a path relative to the Graph root ("/users?$top=5") or an absolute link. */
  Response get(String pathOrUrl, String... headers) throws IOException, InterruptedException {
    String url = pathOrUrl.startsWith("https://") ? pathOrUrl : emu.graphUrl() + pathOrUrl;
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url.replace(" ", "%20")))
        .header("Authorization", "Bearer " + bearer()).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  Response getWithoutToken(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(emu.graphUrl() + path)).GET().build());
  }

  private Response send(HttpRequest req) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode body = r.body().length == 0 ? null : JSON.readTree(r.body());
    return new Response(r.statusCode(), body, r.headers());
  }
}
