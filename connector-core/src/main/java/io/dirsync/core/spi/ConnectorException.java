package io.dirsync.core.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure of a connector, classified into the small set the engine decides on. Each connector
 * maps its vendor's errors into this in exactly one class. Messages are shown to operators: they
 * say what failed and what to do, and never carry secrets, tokens or response payloads.
 */
public class ConnectorException extends Exception {

  /** What kind of failure this is; the engine and the retry layer branch on it, never on messages. */
  public enum Kind {
    /** May succeed if the same request is repeated: 5xx, connection reset, timeout, truncated body. */
    TRANSIENT(true),
    /** The source throttled; {@link #retryAfter()} says how long it asked to wait, if it did. */
    RATE_LIMITED(true),
    /** Credentials were refused or lack a permission; repeating will not help. */
    AUTH_FAILED(false),
    /** The delta cursor expired or the source reset its sync state: do a full listing instead. */
    CURSOR_EXPIRED(false),
    /** The configuration cannot work (unknown tenant, bad filter, missing scope of a query). */
    MISCONFIGURED(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final Duration retryAfter;

  public ConnectorException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public ConnectorException(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  public ConnectorException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.retryAfter = retryAfter;
  }

  public static ConnectorException rateLimited(String message, Duration retryAfter) {
    return new ConnectorException(Kind.RATE_LIMITED, message, retryAfter, null);
  }

  public Kind kind() {
    return kind;
  }

  /** How long the source asked to wait before repeating, when it said so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
