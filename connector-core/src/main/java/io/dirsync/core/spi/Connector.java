package io.dirsync.core.spi;

/**
 * A connection to one directory, made by a {@link ConnectorFactory}. By itself it can do nothing:
 * what it can do is said by the capability interfaces it also implements ({@link FullListing},
 * {@link DeltaListing}, {@link ConnectionCheck}); the engine asks with {@code instanceof}.
 *
 * <p>A connector is used by one run at a time (runs of a directory never overlap) but may be
 * reused across runs; {@link #close()} releases its HTTP clients.
 */
public interface Connector extends AutoCloseable {

  /** Releases resources; never throws. */
  @Override
  default void close() {
  }
}
