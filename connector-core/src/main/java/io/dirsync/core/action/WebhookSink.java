package io.dirsync.core.action;

import io.dirsync.core.snapshot.OutboxEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * POSTs actions as JSON to a receiver: one action per request (the body is the action), or with
 * {@code batchSize > 1} a JSON array of up to that many. Headers: {@code Dirsync-Action-Id} (the
 * first action's id; with batches also {@code Dirsync-Action-Count}) for idempotency, and
 * {@link WebhookSignature#HEADER}. A 2xx acknowledges; 408, 429 (honouring Retry-After), 5xx,
 * timeouts and connection errors are retried later; any other 4xx parks the queue.
 */
public final class WebhookSink implements ActionSink {

  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String id;
  private final String url;
  private final byte[] secret;
  private final int batchSize;
  private final OkHttpClient http;
  private final Clock clock;

  /**
   * @param http a client with TLS verification against the trust store and timeouts set
   * @param secret the HMAC key; never logged
   */
  public WebhookSink(String id, String url, byte[] secret, int batchSize, OkHttpClient http, Clock clock) {
    this.id = Objects.requireNonNull(id);
    this.url = Objects.requireNonNull(url);
    this.secret = secret.clone();
    this.batchSize = Math.max(1, batchSize);
    this.http = http;
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int maxBatch() {
    return batchSize;
  }

  @Override
  public void deliver(List<OutboxEntry> batch) throws SinkException {
    for (int from = 0; from < batch.size(); from += batchSize) {
      post(batch.subList(from, Math.min(batch.size(), from + batchSize)));
    }
  }

  private void post(List<OutboxEntry> part) throws SinkException {
    String body = batchSize == 1 ? part.get(0).body()
        : "[" + String.join(",", part.stream().map(OutboxEntry::body).toList()) + "]";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    long t = clock.instant().getEpochSecond();
    Request.Builder req = new Request.Builder().url(url)
        .header("Dirsync-Action-Id", part.get(0).id())
        .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, t, bytes))
        .header("User-Agent", "dirsync")
        .post(RequestBody.create(bytes, JSON));
    if (batchSize > 1) {
      req.header("Dirsync-Action-Count", String.valueOf(part.size()));
    }
    try (Response r = http.newCall(req.build()).execute()) {
      int code = r.code();
      if (code >= 200 && code < 300) {
        return;
      }
      String what = "POST " + redact(url) + " answered " + code + " for action " + part.get(0).id();
      if (code == 408 || code == 429 || code >= 500) {
        throw SinkException.retryLater(what, retryAfter(r.header("Retry-After")), null);
      }
      throw SinkException.park(what + "; the queue of this directory is parked until `dirsync outbox retry` or `skip`");
    } catch (IOException e) {
      throw SinkException.retryLater("POST " + redact(url) + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()), null, e);
    }
  }

  private Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      return Duration.ofMillis((long) (Double.parseDouble(header.trim()) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * The URL as it may be shown or stored: without credentials in its user info and without its
   * query string, either of which may carry a secret. Used for messages and for the sink's default id.
   */
  public static String redact(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      if (u.getHost() == null) {
        return "(a URL that could not be parsed)";
      }
      return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
          + (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?…");
    } catch (IllegalArgumentException e) {
      return "(a URL that could not be parsed)";
    }
  }
}
