package io.dirsync.core.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * An opaque position in a directory's change feed (for Graph, the final deltaLink), stored
 * verbatim by the engine and never parsed outside the connector that issued it.
 *
 * @param value the connector's token; may contain secrets of the source's own making but never
 *     credentials
 * @param issuedAt when the connector obtained it, so the connector can refuse one older than the
 *     source's documented lifetime
 */
public record Cursor(String value, Instant issuedAt) {
  public Cursor {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(issuedAt, "issuedAt");
  }

  @Override
  public String toString() {
    return "Cursor[issuedAt=" + issuedAt + ", length=" + value.length() + "]";
  }
}
