package io.dirsync.core.action;

import java.time.Duration;
import java.util.Optional;

/**
 * A sink could not take a batch; its actions stay queued. The message is for operators and holds
 * no payload.
 */
public class SinkException extends Exception {

  private final boolean park;
  private final Duration retryAfter;

  public SinkException(String message, Throwable cause) {
    this(message, cause, false, null);
  }

  public SinkException(String message) {
    this(message, null, false, null);
  }

  private SinkException(String message, Throwable cause, boolean park, Duration retryAfter) {
    super(message, cause);
    this.park = park;
    this.retryAfter = retryAfter;
  }

  /** The receiver refused the action for good (a 4xx): retrying would hide a bug, skipping would lose data. */
  public static SinkException park(String message) {
    return new SinkException(message, null, true, null);
  }

  /** The receiver is down or busy; try again after {@code retryAfter} if it said so. */
  public static SinkException retryLater(String message, Duration retryAfter, Throwable cause) {
    return new SinkException(message, cause, false, retryAfter);
  }

  /** True when the queue must stop until an operator acts ({@code dirsync outbox retry|skip}). */
  public boolean parks() {
    return park;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
