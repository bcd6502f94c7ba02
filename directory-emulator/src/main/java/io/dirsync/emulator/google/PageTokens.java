package io.dirsync.emulator.google;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed page tokens. A token is bound to the listing (resource and every query parameter
 * but {@code pageToken} and {@code maxResults}), carries the sort key of the last object served, the
 * index of the next page, and when the listing started; a changed, foreign or tampered token fails.
 */
final class PageTokens {

  /** Where a listing continues. {@code afterKey} null: from the start. */
  record Position(String afterKey, int pageIndex, Instant listStart, Instant issuedAt) {
  }

  private final byte[] secret = new byte[32];

  PageTokens(SecureRandom random) {
    random.nextBytes(secret);
  }

  String issue(Resource resource, Map<String, String> params, String afterKey, int pageIndex, Instant listStart,
      Instant now) {
    String payload = String.join("\n", resource.name(), bind(params), afterKey == null ? "" : afterKey,
        Integer.toString(pageIndex), Long.toString(listStart.toEpochMilli()), Long.toString(now.toEpochMilli()));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(bytes));
  }

  /** The position a token names, or empty if it is not a token of this listing. */
  Optional<Position> read(Resource resource, Map<String, String> params, String token) {
    try {
      String[] parts = token.split("\\.");
      if (parts.length != 2) {
        return Optional.empty();
      }
      byte[] bytes = Base64.getUrlDecoder().decode(parts[0]);
      if (!MessageDigest.isEqual(mac(bytes), Base64.getUrlDecoder().decode(parts[1]))) {
        return Optional.empty();
      }
      String[] f = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      if (f.length != 6 || !f[0].equals(resource.name()) || !f[1].equals(bind(params))) {
        return Optional.empty();
      }
      return Optional.of(new Position(f[2].isEmpty() ? null : f[2], Integer.parseInt(f[3]),
          Instant.ofEpochMilli(Long.parseLong(f[4])), Instant.ofEpochMilli(Long.parseLong(f[5]))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String bind(Map<String, String> params) {
    Map<String, String> sorted = new TreeMap<>(params);
    sorted.remove("pageToken");
    sorted.remove("maxResults");
    sorted.remove("fields");
    sorted.remove("prettyPrint");
    sorted.remove("alt");
    return Integer.toHexString(sorted.toString().hashCode());
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(payload), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
