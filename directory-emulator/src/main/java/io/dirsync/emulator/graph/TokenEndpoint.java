package io.dirsync.emulator.graph;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token} for the client-credentials grant with a client secret
 * or a client assertion (certificate), answering AADSTS-shaped errors, and the bearer check every
 * Graph call goes through. Access tokens expire on the emulator clock.
 */
final class TokenEndpoint {

  private final EmulatorSettings settings;
  private final GraphErrors errors;
  private final EmulatorClock clock;
  private final ClientAssertions assertions;
  private final TokenStore<Instant> accessTokens = new TokenStore<>("eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.", 100_000);

  TokenEndpoint(EmulatorSettings settings, GraphErrors errors, EmulatorClock clock, ClientAssertions assertions) {
    this.settings = settings;
    this.errors = errors;
    this.clock = clock;
    this.assertions = assertions;
  }

  GraphResponse token(String tenant, String body) {
    Map<String, String> form = parseForm(body);
    if (!tenant.equalsIgnoreCase(settings.tenantId())) {
      return errors.aad(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make sure "
          + "you have the correct tenant ID and are signing into the correct cloud.");
    }
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return errors.aad(400, "unsupported_grant_type", 70003,
          "The app requested an unsupported grant type '" + form.get("grant_type") + "'.");
    }
    String clientId = form.get("client_id");
    if (clientId == null || !clientId.equalsIgnoreCase(settings.clientId())) {
      return errors.aad(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
          + "' was not found in the directory '" + tenant + "'.");
    }
    String scope = form.getOrDefault("scope", "");
    // MSAL adds the OpenID Connect reserved scopes; Entra ignores them for client credentials.
    java.util.List<String> resources = java.util.Arrays.stream(scope.trim().split("\\s+"))
        .filter(s -> !s.isEmpty() && !java.util.Set.of("openid", "profile", "offline_access").contains(s)).toList();
    if (resources.size() != 1 || !resources.get(0).endsWith("/.default")
        || !resources.get(0).equals(settings.scopeRoot() + "/.default")) {
      return errors.aad(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is "
          + "not valid. The scope " + scope + " is not valid.");
    }
    if (form.containsKey("client_assertion")) {
      String problem = assertions.verify(form.get("client_assertion_type"), form.get("client_assertion"), clientId);
      if (problem != null) {
        return errors.aad(401, "invalid_client", 700027, problem);
      }
    } else if (!settings.clientSecret().equals(form.get("client_secret"))) {
      return errors.aad(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being "
          + "sent in the request is the client secret value, not the client secret ID, for a secret added to app '"
          + clientId + "'.");
    }
    String token = accessTokens.issue(clock.instant().plusSeconds(settings.accessTokenSeconds()));
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("token_type", "Bearer");
    ok.put("expires_in", settings.accessTokenSeconds());
    ok.put("ext_expires_in", settings.accessTokenSeconds());
    ok.put("access_token", token);
    return GraphResponse.ok(ok);
  }

  /** True when the {@code Authorization} header carries a live token issued here. */
  boolean authorized(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    Instant expiry = accessTokens.find(authorization.substring(7).trim());
    if (expiry == null) {
      return false;
    }
    return clock.instant().isBefore(expiry);
  }

  /** Every token issued so far stops working. */
  void revokeAll() {
    accessTokens.clear();
  }

  static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
