package io.dirsync.azure.internal;

import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.kiota.ApiException;
import io.dirsync.core.http.RetryAfter;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one place where Graph, azure-identity and transport failures become the core's typed
 * {@link ConnectorException}s. Branches on status and error code, never on Graph's messages, and
 * never puts a token, secret or response body in a message.
 */
public final class GraphErrorClassifier {

  private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
  private static final Set<String> CURSOR_CODES = Set.of("syncstatenotfound", "resyncrequired");

  private final Clock clock;

  public GraphErrorClassifier(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param what what was being read, for the message ("users page 3")
   * @throws InterruptedException when the failure was an interrupt, so the run stops as interrupted
   */
  public ConnectorException classify(Throwable failure, String what) throws InterruptedException {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException
          || t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException)) {
        InterruptedException ie = new InterruptedException("interrupted while reading " + what);
        ie.initCause(failure);
        throw ie;
      }
      if (t instanceof ConnectorException ce) {
        return ce;
      }
      if (t instanceof ApiException api && api.getResponseStatusCode() > 0) {
        return fromStatus(api, what);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException) {
        return new ConnectorException(Kind.MISCONFIGURED, "TLS verification failed while reading " + what
            + ": the server's certificate is not trusted; add its CA with tls.caFile", failure);
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ClientAuthenticationException || t.getClass().getName().startsWith("com.microsoft.aad.msal4j.Msal")) {
        Integer status = msalStatus(t);
        if (status != null && (status >= 500 || status == 429)) {
          return status == 429 ? new ConnectorException(Kind.RATE_LIMITED, "the Entra token endpoint throttled (429)",
              null, failure) : new ConnectorException(Kind.TRANSIENT, "the Entra token endpoint failed (" + status + ")", failure);
        }
        if (status == null && hasIoCause(failure)) {
          return new ConnectorException(Kind.TRANSIENT, "cannot reach the Entra token endpoint: "
              + rootIo(failure), failure);
        }
        return new ConnectorException(Kind.AUTH_FAILED, "Entra ID refused the client credentials"
            + aadsts(t).map(c -> " (" + c + ")").orElse("")
            + ": check tenantId, clientId, the secret or certificate, and the cloud", failure);
      }
    }
    if (hasIoCause(failure)) {
      return new ConnectorException(Kind.TRANSIENT, "I/O error while reading " + what + ": " + rootIo(failure), failure);
    }
    return new ConnectorException(Kind.TRANSIENT, "unexpected failure while reading " + what + ": "
        + failure.getClass().getSimpleName(), failure);
  }

  private ConnectorException fromStatus(ApiException api, String what) {
    int status = api.getResponseStatusCode();
    String code = api instanceof ODataError o && o.getError() != null ? o.getError().getCode() : null;
    String named = code == null ? String.valueOf(status) : status + " " + code;
    Duration retryAfter = retryAfter(api.getResponseHeaders()).orElse(null);
    if (code != null && CURSOR_CODES.contains(code.toLowerCase(Locale.ROOT)) || status == 410) {
      return new ConnectorException(Kind.CURSOR_EXPIRED, "Graph no longer accepts the delta link for " + what
          + " (" + named + "); a full listing is needed", api);
    }
    if (status == 429) {
      return new ConnectorException(Kind.RATE_LIMITED, "Graph throttled the request for " + what + " (429)",
          retryAfter, api);
    }
    if (status == 401) {
      return new ConnectorException(Kind.AUTH_FAILED, "Graph refused the access token for " + what + " (" + named
          + "): check tenantId, clientId and the credential, and that the cloud matches the endpoints", api);
    }
    if (status == 403) {
      return new ConnectorException(Kind.AUTH_FAILED, "Graph denied access to " + what + " (" + named
          + "): grant the application the permissions User.Read.All and GroupMember.Read.All (or Group.Read.All) "
          + "with admin consent", api);
    }
    if (status >= 500 || status == 408) {
      return new ConnectorException(Kind.TRANSIENT, "Graph failed on " + what + " (" + named + ")", retryAfter, api);
    }
    return new ConnectorException(Kind.MISCONFIGURED, "Graph rejected the request for " + what + " (" + named
        + "); check userFilter, groups and attributes", api);
  }

  /** Parses {@code Retry-After}: seconds (fractional allowed) or an HTTP date. */
  Optional<Duration> retryAfter(Map<String, ? extends java.util.Collection<String>> headers) {
    return RetryAfter.fromHeaders(headers, clock);
  }

  /** {@link RetryAfter#parse} on the connector's clock. */
  public Optional<Duration> parseRetryAfter(String value) {
    return RetryAfter.parse(value, clock);
  }

  private static Integer msalStatus(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof com.microsoft.aad.msal4j.MsalServiceException m) {
        return m.statusCode();
      }
    }
    return null;
  }

  private static Optional<String> aadsts(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        Matcher m = AADSTS.matcher(c.getMessage());
        if (m.find()) {
          return Optional.of(m.group());
        }
      }
    }
    return Optional.empty();
  }

  private static boolean hasIoCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootIo(Throwable t) {
    IOException last = null;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        last = io;
      }
    }
    return last == null ? t.getClass().getSimpleName() : last.getClass().getSimpleName();
  }
}
