package io.dirsync.core.spi;

import io.dirsync.core.http.DirectoryResilience;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon hands a connector besides its own config: the directory it serves and the shared
 * collaborators. Connectors take time from {@link #clock()}, never from the system.
 *
 * @param directoryId the configured directory id, for log lines
 * @param nestedGroups whether memberships are direct (as in the source) or flattened to users
 * @param clock the time source
 * @param caFile an extra CA certificate (PEM) to trust besides the JVM's trust store, if configured
 * @param resilience the directory's retry-and-pacing layer: every HTTP request of the connector
 *     (pages, token calls) goes through it; the engine reads its per-run meter
 */
public record ConnectorContext(String directoryId, NestedGroups nestedGroups, Clock clock, Optional<Path> caFile,
    DirectoryResilience resilience) {

  public ConnectorContext {
    Objects.requireNonNull(directoryId, "directoryId");
    Objects.requireNonNull(nestedGroups, "nestedGroups");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(resilience, "resilience");
  }

  /** A context with the default {@code retry:} and {@code rateLimit:} settings and real sleeps. */
  public ConnectorContext(String directoryId, NestedGroups nestedGroups, Clock clock, Optional<Path> caFile) {
    this(directoryId, nestedGroups, clock, caFile, DirectoryResilience.of(directoryId,
        io.dirsync.core.http.RetryConfig.DEFAULTS, io.dirsync.core.http.RateLimitConfig.DEFAULTS, clock));
  }

  /** How group nesting is reported. */
  public enum NestedGroups {
    /** Memberships as in the source: a nested group is a member of type {@code group}. */
    DIRECT,
    /** Transitive user members only; nested groups are not reported as members. */
    FLATTEN
  }
}
