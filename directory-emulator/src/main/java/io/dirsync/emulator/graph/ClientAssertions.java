package io.dirsync.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Clock;
import java.util.Base64;

/**
 * Verifies the signed JWT a confidential client sends instead of a secret
 * ({@code client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer}): RS256 or
 * PS256 over the registered certificate's key, {@code iss} and {@code sub} equal to the client id,
 * not expired (on the wall clock: the client signs with real time, whatever the emulator clock says).
 */
final class ClientAssertions {

  static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PublicKey registered;
  private final Clock clock;

  /** @param registered the app's certificate key, or null when the app has no certificate */
  ClientAssertions(PublicKey registered, Clock clock) {
    this.registered = registered;
    this.clock = clock;
  }

  /** @return null when valid, else the AADSTS description of what is wrong */
  String verify(String type, String assertion, String clientId) {
    if (!JWT_BEARER.equals(type)) {
      return "The client_assertion_type '" + type + "' is not supported.";
    }
    if (registered == null) {
      return "Client assertion failed signature validation: no certificate is registered for app '" + clientId + "'.";
    }
    String[] parts = assertion.split("\\.");
    if (parts.length != 3) {
      return "The client assertion is not a well-formed JWT.";
    }
    try {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(b64.decode(parts[0]));
      JsonNode claims = JSON.readTree(b64.decode(parts[1]));
      Signature sig;
      switch (header.path("alg").asText()) {
        case "RS256" -> sig = Signature.getInstance("SHA256withRSA");
        case "PS256" -> {
          sig = Signature.getInstance("RSASSA-PSS");
          sig.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        default -> {
          return "The client assertion uses an unsupported algorithm '" + header.path("alg").asText() + "'.";
        }
      }
      sig.initVerify(registered);
      sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!sig.verify(b64.decode(parts[2]))) {
        return "Client assertion contains an invalid signature.";
      }
      if (!clientId.equalsIgnoreCase(claims.path("iss").asText()) || !clientId.equalsIgnoreCase(claims.path("sub").asText())) {
        return "The client assertion's iss and sub must be the client id.";
      }
      if (claims.has("exp") && claims.get("exp").asLong() + 300 < clock.instant().getEpochSecond()) {
        return "The client assertion has expired.";
      }
      return null;
    } catch (GeneralSecurityException | java.io.IOException | IllegalArgumentException e) {
      return "The client assertion could not be validated: " + e.getClass().getSimpleName() + ".";
    }
  }
}
