package io.dirsync.core.spi;

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
 */
public record ConnectorContext(String directoryId, NestedGroups nestedGroups, Clock clock, Optional<Path> caFile) {

  public ConnectorContext {
    Objects.requireNonNull(directoryId, "directoryId");
    Objects.requireNonNull(nestedGroups, "nestedGroups");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(caFile, "caFile");
  }

  /** How group nesting is reported. */
  public enum NestedGroups {
    /** Memberships as in the source: a nested group is a member of type {@code group}. */
    DIRECT,
    /** Transitive user members only; nested groups are not reported as members. */
    FLATTEN
  }
}
