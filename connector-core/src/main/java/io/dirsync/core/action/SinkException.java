package io.dirsync.core.action;

/** A sink could not take a batch; its actions stay queued. The message is for operators and holds no payload. */
public class SinkException extends Exception {
  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }

  public SinkException(String message) {
    super(message);
  }
}
