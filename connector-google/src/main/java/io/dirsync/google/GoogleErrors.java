package io.dirsync.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import io.dirsync.core.http.RetryAfter;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place where Google's errors become {@link ConnectorException}s. Quota errors are
 * throttling even when they are 403s; real permission errors say what an admin must change; other
 * 400s are configuration; 5xx and I/O failures are transient. Messages carry Google's reason and
 * message, never a token or a response payload.
 */
final class GoogleErrors {

  static final Set<String> RATE_LIMIT_REASONS = Set.of("rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String subject;
  private final String clientId;
  private final List<String> scopes;
  private final Clock clock;

  /**
   * @param subject the delegated admin
   * @param clientId the service account's OAuth client id (what domain-wide delegation is granted to)
   * @param scopes the scopes dirsync asks for
   */
  GoogleErrors(String subject, String clientId, List<String> scopes, Clock clock) {
    this.subject = subject;
    this.clientId = clientId;
    this.scopes = List.copyOf(scopes);
    this.clock = clock;
  }

  /** Classifies a failure of {@code operation} (e.g. "users.list page 3"). */
  ConnectorException classify(String operation, IOException e) {
    if (e instanceof GoogleJsonResponseException g) {
      return api(operation, g);
    }
    HttpResponseException tokenError = find(e, HttpResponseException.class);
    if (tokenError != null && isTokenEndpointFailure(e)) {
      return token(operation, tokenError, e);
    }
    if (e instanceof HttpResponseException h) {
      return byStatus(operation, h.getStatusCode(), null, h.getStatusMessage(), retryAfter(h), e);
    }
    if (find(e, SSLHandshakeException.class) != null && find(e, GeneralSecurityException.class) != null) {
      return new ConnectorException(Kind.MISCONFIGURED, operation + ": the server's TLS certificate is not trusted "
          + "(add its CA with tls.caFile, or fix endpoints.directory)", e);
    }
    if (e instanceof Retryable r && !r.isRetryable() && tokenError == null) {
      return new ConnectorException(Kind.AUTH_FAILED, operation + ": could not obtain an access token for the "
          + "service account: " + e.getClass().getSimpleName(), e);
    }
    return new ConnectorException(Kind.TRANSIENT, operation + ": " + describe(e), e);
  }

  /** A malformed page (a body the client could not parse, an impossible page) is transient. */
  ConnectorException malformed(String operation, RuntimeException e) {
    return new ConnectorException(Kind.TRANSIENT, operation + ": malformed response: " + e.getClass().getSimpleName(), e);
  }

  private ConnectorException api(String operation, GoogleJsonResponseException g) {
    GoogleJsonError details = g.getDetails();
    String reason = null;
    if (details != null && details.getErrors() != null && !details.getErrors().isEmpty()) {
      reason = details.getErrors().get(0).getReason();
    }
    if (reason == null && details != null && "RESOURCE_EXHAUSTED".equals(details.get("status"))) {
      // the newer error format drops errors[] and says quota with its status alone
      reason = "quotaExceeded";
    }
    String message = details != null && details.getMessage() != null ? details.getMessage() : g.getStatusMessage();
    return byStatus(operation, g.getStatusCode(), reason, message, retryAfter(g), g);
  }

  private ConnectorException byStatus(String operation, int status, String reason, String message, Duration retryAfter,
      Exception cause) {
    String what = operation + ": HTTP " + status + (reason == null ? "" : " " + reason)
        + (message == null ? "" : " (" + message + ")");
    if (status == 429 || (status == 403 && RATE_LIMIT_REASONS.contains(reason))) {
      return new ConnectorException(Kind.RATE_LIMITED, what + ": Google's quota was exceeded", retryAfter, cause);
    }
    if (status == 401) {
      return new ConnectorException(Kind.AUTH_FAILED, what + ": Google refused the access token of the service "
          + "account acting as " + subject, cause);
    }
    if (status == 403) {
      String advice = switch (reason == null ? "" : reason) {
        case "forbidden" -> subject + " is not allowed to read the directory: make it a super admin, or give it an "
            + "admin role with the privileges to read users and groups, in the Google Admin console";
        case "insufficientPermissions" -> "the access token lacks a scope this request needs: in the Google Admin "
            + "console (Security > Access and data control > API controls > Domain-wide delegation) authorise client "
            + "ID " + clientId + " for " + String.join(",", scopes);
        case "accessNotConfigured" -> "the Admin SDK API is not enabled in the service account's Google Cloud "
            + "project: enable admin.googleapis.com in the Cloud console (APIs & Services)";
        default -> "access denied to " + subject + "; check the admin's roles and the domain-wide delegation of "
            + "client ID " + clientId;
      };
      return new ConnectorException(Kind.AUTH_FAILED, what + ": " + advice, cause);
    }
    if (status >= 500 || status == 408) {
      return new ConnectorException(Kind.TRANSIENT, what, retryAfter, cause);
    }
    if (status == 404) {
      return new ConnectorException(Kind.MISCONFIGURED, what + ": not found (check customer, domain and groups)",
          cause);
    }
    return new ConnectorException(Kind.MISCONFIGURED, what + ": the request was refused (check customer, domain, "
        + "query, orgUnits, projection and customFieldMask)", cause);
  }

  private ConnectorException token(String operation, HttpResponseException h, IOException e) {
    int status = h.getStatusCode();
    String error = null;
    String description = null;
    try {
      JsonNode body = JSON.readTree(h.getContent() == null ? "" : h.getContent());
      if (body != null) {
        error = body.path("error").asText(null);
        description = body.path("error_description").asText(null);
      }
    } catch (IOException | RuntimeException notJson) {
      // the token endpoint answered something else than an OAuth error: classify by status
    }
    String what = operation + ": the token endpoint answered HTTP " + status + (error == null ? "" : " " + error)
        + (description == null ? "" : " (" + description + ")");
    if (status == 401 && error == null) {
      // the JDK's HttpURLConnection drops the body of a 401 to a POST (streaming mode), so the reason is
      // lost; a 401 from Google's token endpoint for the JWT-bearer grant is unauthorized_client
      error = "unauthorized_client";
      what = operation + ": the token endpoint answered HTTP 401 (unauthorized_client)";
    }
    if ("unauthorized_client".equals(error)) {
      return new ConnectorException(Kind.AUTH_FAILED, what + ": domain-wide delegation is missing: in the Google "
          + "Admin console (Security > Access and data control > API controls > Domain-wide delegation) authorise "
          + "client ID " + clientId + " for the scopes " + String.join(",", scopes), e);
    }
    if ("invalid_grant".equals(error)) {
      String advice = description != null && description.contains("Invalid email or User ID")
          ? "subject " + subject + " is not a user of the Workspace account"
          : "the service account's assertion was refused: check that the key in serviceAccountKeyFile is current "
              + "(not deleted or rotated) and that this machine's clock is right";
      return new ConnectorException(Kind.AUTH_FAILED, what + ": " + advice, e);
    }
    if (status >= 500 || status == 408 || status == 429) {
      return new ConnectorException(status == 429 ? Kind.RATE_LIMITED : Kind.TRANSIENT, what, retryAfter(h), e);
    }
    return new ConnectorException(Kind.AUTH_FAILED, what + ": could not obtain an access token", e);
  }

  /** google-auth-library wraps token endpoint failures in its own IOException around the HttpResponseException. */
  private static boolean isTokenEndpointFailure(IOException e) {
    return e instanceof Retryable || find(e.getCause(), Retryable.class) != null;
  }

  private Duration retryAfter(HttpResponseException h) {
    String v = h.getHeaders() == null ? null : h.getHeaders().getRetryAfter();
    return RetryAfter.parse(v, clock).orElse(null);
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + (m.length() > 200 ? m.substring(0, 200) : m));
  }

  private static <T> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
