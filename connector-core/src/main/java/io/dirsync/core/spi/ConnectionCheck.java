package io.dirsync.core.spi;

/** Capability: prove credentials and reachability, typically by obtaining a token and reading one page. */
public interface ConnectionCheck extends Connector {

  /** @return a short human description of what was checked, e.g. "token ok, read 1 page of users" */
  String checkConnection() throws ConnectorException, InterruptedException;
}
