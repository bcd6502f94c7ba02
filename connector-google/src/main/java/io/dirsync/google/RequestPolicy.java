package io.dirsync.google;

import io.dirsync.core.spi.ConnectorException;

/**
 * How one request (one page) is attempted. The connector makes each attempt classify its own
 * failure; whether and when a classified failure is repeated is the policy's business. DESIGN.md
 * gives retries to one layer in connector-core; until that layer is wired in here the connector
 * uses {@link #ONCE} and leaves repeating to the next run.
 */
interface RequestPolicy {

  /** One attempt of a request; throws its failure already classified. */
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

  <T> T execute(String operation, Attempt<T> attempt) throws ConnectorException, InterruptedException;
}
