package io.dirsync.core.http;

import io.dirsync.core.spi.ConnectorException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A request that fails with the scripted failures, in order, then answers {@code "ok"}. */
final class ScriptedRequest implements Request<String> {

  private final Deque<ConnectorException> failures;
  int calls;

  ScriptedRequest(List<ConnectorException> failures) {
    this.failures = new ArrayDeque<>(failures);
  }

  static ScriptedRequest failing(int times, ConnectorException failure) {
    return new ScriptedRequest(java.util.Collections.nCopies(times, failure));
  }

  @Override
  public String run() throws ConnectorException {
    calls++;
    ConnectorException next = failures.poll();
    if (next != null) {
      throw next;
    }
    return "ok";
  }
}
