package io.dirsync.azure.internal;

import io.dirsync.core.spi.ConnectorException;

/**
 * How one request (one page) is attempted: the seam where the core's retry and pacing layer wraps
 * each request, so that a retry repeats that page with the same link, never the whole listing.
 * Each attempt throws its failure already classified, and includes the token call when a token is
 * needed, so a failing token endpoint is retried by the same policy. The connector uses
 * {@link ResilientRequestPolicy} over the directory's {@code DirectoryResilience}; {@link #ONCE}
 * (the SDK's own RetryHandler is off either way) tries each request once.
 */
public interface RequestPolicy {

  /** One attempt of a request. */
  @FunctionalInterface
  interface Attempt<T> {
    T run() throws ConnectorException, InterruptedException;
  }

  /** Each request is tried exactly once. */
  RequestPolicy ONCE = new RequestPolicy() {
    @Override
    public <T> T execute(String operation, Attempt<T> attempt) throws ConnectorException, InterruptedException {
      return attempt.run();
    }
  };

  /** @param operation what the request reads, for logs ("users page 3") */
  <T> T execute(String operation, Attempt<T> attempt) throws ConnectorException, InterruptedException;

  /**
   * @param resourceUnits what the request costs in Graph's throttling currency, for pacing
   *     ({@link GraphCosts})
   */
  default <T> T execute(String operation, int resourceUnits, Attempt<T> attempt)
      throws ConnectorException, InterruptedException {
    return execute(operation, attempt);
  }
}
