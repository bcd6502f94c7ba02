package io.dirsync.emulator.graph;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Error bodies in the shapes of the fixture files: Graph's OData envelope
 * ({@code error.code/message/innerError}), the bare observed ones (401, syncStateNotFound), the
 * throttling body, and the AADSTS token errors.
 */
final class GraphErrors {

  private static final DateTimeFormatter INNER_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter AAD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);

  private final Clock clock;

  GraphErrors(Clock clock) {
    this.clock = clock;
  }

  /** Thrown by request handling; the router turns it into the response. */
  static final class Failure extends RuntimeException {
    final transient GraphResponse response;

    Failure(GraphResponse response) {
      super("HTTP " + response.status(), null, false, false);
      this.response = response;
    }
  }

  /** {@code {"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}}. */
  GraphResponse odata(int status, String code, String message) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("date", INNER_DATE.format(clock.instant()));
    inner.put("request-id", UUID.randomUUID().toString());
    inner.put("client-request-id", UUID.randomUUID().toString());
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("innerError", inner);
    return new GraphResponse(status, Map.of("error", error), Map.of());
  }

  /** {@code {"error":{"code","message"}}}, as observed for 401 and the expired delta token. */
  static GraphResponse bare(int status, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    return new GraphResponse(status, Map.of("error", error), Map.of());
  }

  Failure fail(int status, String code, String message) {
    return new Failure(odata(status, code, message));
  }

  Failure badRequest(String message) {
    return fail(400, "Request_BadRequest", message);
  }

  Failure unsupportedQuery(String message) {
    return fail(400, "Request_UnsupportedQuery", message);
  }

  static GraphResponse invalidToken() {
    return bare(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
  }

  static GraphResponse syncStateNotFound(int status, String code) {
    return bare(status, code,
        "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
  }

  static GraphResponse resyncRequired() {
    return bare(410, "resyncRequired",
        "The delta token is no longer valid, and the app must reset the sync state.");
  }

  /** The 429 of error_429_throttled.json, with {@code Retry-After} when given. */
  GraphResponse throttled(String retryAfter) {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("code", "429");
    inner.put("date", INNER_DATE.format(clock.instant()));
    inner.put("message", "Please retry after");
    inner.put("request-id", UUID.randomUUID().toString());
    inner.put("status", "429");
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", "TooManyRequests");
    error.put("innerError", inner);
    error.put("message", "Please retry again later.");
    GraphResponse r = new GraphResponse(429, Map.of("error", error), Map.of());
    return retryAfter == null ? r : r.withHeader("Retry-After", retryAfter);
  }

  GraphResponse serverError(int status) {
    return switch (status) {
      case 503 -> odata(503, "serviceNotAvailable", "The service is temporarily unavailable for maintenance or is overloaded.");
      case 504 -> odata(504, "gatewayTimeout", "The server, while acting as a proxy, did not receive a timely response.");
      default -> odata(status, "UnknownError", "");
    };
  }

  /** The token endpoint's error shape (token_error_invalid_scope.json). */
  GraphResponse aad(int status, String error, int aadsts, String description) {
    String trace = UUID.randomUUID().toString();
    String correlation = UUID.randomUUID().toString();
    String time = AAD_TIME.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", "AADSTS" + aadsts + ": " + description + "\r\nTrace ID: " + trace
        + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + time);
    body.put("error_codes", List.of(aadsts));
    body.put("timestamp", time);
    body.put("trace_id", trace);
    body.put("correlation_id", correlation);
    return new GraphResponse(status, body, Map.of());
  }
}
