package io.dirsync.azure.internal;

import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.spi.ConnectorException;
import java.util.Objects;

/** The core's retry-and-pacing layer of the directory, around each Graph request. */
public final class ResilientRequestPolicy implements RequestPolicy {

  private final DirectoryResilience resilience;

  public ResilientRequestPolicy(DirectoryResilience resilience) {
    this.resilience = Objects.requireNonNull(resilience, "resilience");
  }

  @Override
  public <T> T execute(String operation, Attempt<T> attempt) throws ConnectorException, InterruptedException {
    return resilience.call(operation, attempt::run);
  }

  @Override
  public <T> T execute(String operation, int resourceUnits, Attempt<T> attempt)
      throws ConnectorException, InterruptedException {
    return resilience.call(operation, resourceUnits, attempt::run);
  }
}
