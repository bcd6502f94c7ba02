package io.dirsync.emulator.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Google's OAuth token endpoint for the JWT-bearer grant (RFC 7523) as a service account with
 * domain-wide delegation uses it, and the bearer tokens it issues.
 */
final class TokenService {

  /** The {@code aud} google-auth-library always sends, whatever the key file's token_uri says. */
  static final String GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token";
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Duration SKEW = Duration.ofMinutes(5);

  /** A token the emulator issued: who for, which scopes, until when. {@code subject} null without delegation. */
  record Grant(String subject, Set<String> scopes, Instant expiresAt) {
  }

  /** The outcome of a token request: either a response body or an error. */
  record Outcome(GoogleError error, String body) {
  }

  private final ObjectMapper json = new ObjectMapper();
  private final ServiceAccountKey key;
  private final Clock clock;
  private final SecureRandom random;
  private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
  private volatile Set<String> delegatedScopes;
  private volatile Duration lifetime = Duration.ofHours(1);

  TokenService(ServiceAccountKey key, Clock clock, SecureRandom random, Set<String> delegatedScopes) {
    this.key = key;
    this.clock = clock;
    this.random = random;
    this.delegatedScopes = Set.copyOf(delegatedScopes);
  }

  void delegatedScopes(Set<String> scopes) {
    this.delegatedScopes = Set.copyOf(scopes);
  }

  void lifetime(Duration value) {
    this.lifetime = value;
  }

  void revokeAll() {
    tokens.clear();
  }

  /** Handles a token request's form; {@code userExists} tells whether a {@code sub} is a user of the domain. */
  Outcome exchange(Map<String, String> form, java.util.function.Predicate<String> userExists) {
    if (!JWT_BEARER.equals(form.get("grant_type"))) {
      return new Outcome(GoogleError.TOKEN_UNSUPPORTED_GRANT, null);
    }
    String assertion = form.getOrDefault("assertion", "");
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return new Outcome(GoogleError.TOKEN_INVALID_GRANT_SIGNATURE, null);
    }
    JsonNode header;
    JsonNode claims;
    try {
      header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
      claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (Exception e) {
      return new Outcome(GoogleError.TOKEN_INVALID_GRANT_SIGNATURE, null);
    }
    if (!"RS256".equals(header.path("alg").asText()) || !verify(parts)) {
      return new Outcome(GoogleError.TOKEN_INVALID_GRANT_SIGNATURE, null);
    }
    if (!key.clientEmail().equals(claims.path("iss").asText())
        || !GOOGLE_TOKEN_AUDIENCE.equals(claims.path("aud").asText())) {
      return new Outcome(GoogleError.TOKEN_INVALID_GRANT_CLAIMS, null);
    }
    long iat = claims.path("iat").asLong(-1);
    long exp = claims.path("exp").asLong(-1);
    Instant now = clock.instant();
    if (iat < 0 || exp <= iat || exp - iat > 3600
        || Instant.ofEpochSecond(iat).isAfter(now.plus(SKEW))
        || Instant.ofEpochSecond(exp).isBefore(now.minus(SKEW))) {
      return new Outcome(GoogleError.TOKEN_INVALID_GRANT_CLOCK, null);
    }
    Set<String> scopes = new LinkedHashSet<>(Arrays.asList(claims.path("scope").asText("").trim().split("\\s+")));
    scopes.remove("");
    String sub = claims.hasNonNull("sub") ? claims.get("sub").asText() : null;
    if (sub != null) {
      if (scopes.isEmpty() || !delegatedScopes.containsAll(scopes)) {
        return new Outcome(GoogleError.TOKEN_UNAUTHORIZED_CLIENT, null);
      }
      if (!userExists.test(sub)) {
        return new Outcome(GoogleError.TOKEN_INVALID_GRANT_SUBJECT, null);
      }
    }
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    String token = "ya29.emu-" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    tokens.put(token, new Grant(sub, Set.copyOf(scopes), now.plus(lifetime)));
    var body = json.createObjectNode();
    body.put("access_token", token);
    body.put("scope", String.join(" ", scopes));
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetime.toSeconds());
    return new Outcome(null, body.toString());
  }

  /** The grant behind an {@code Authorization: Bearer …} header, if it is known and not expired. */
  Optional<Grant> grant(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return Optional.empty();
    }
    Grant g = tokens.get(authorization.substring("Bearer ".length()).trim());
    if (g == null || !clock.instant().isBefore(g.expiresAt())) {
      return Optional.empty();
    }
    return Optional.of(g);
  }

  private boolean verify(String[] parts) {
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key.publicKey());
      s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      return s.verify(Base64.getUrlDecoder().decode(parts[2]));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
