package io.dirsync.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded and validated configuration file.
 *
 * @param file where it was read from
 * @param statePath the SQLite state database
 * @param caFile an extra CA (PEM) trusted for every endpoint, besides the JVM's trust store
 * @param daemon the {@code daemon:} block (defaults when absent)
 * @param retention how long runs and delivered actions are kept in the audit trail ({@code state.retention})
 */
public record DirsyncConfig(Path file, Path statePath, Optional<Path> caFile, List<DirectoryConfig> directories,
    List<SinkConfig> sinks, DaemonConfig daemon, java.time.Duration retention) {

  /** The default of {@code state.retention}: 90 days. */
  public static final java.time.Duration DEFAULT_RETENTION = java.time.Duration.ofDays(90);

  public DirsyncConfig {
    directories = List.copyOf(directories);
    sinks = List.copyOf(sinks);
    daemon = daemon == null ? DaemonConfig.DEFAULTS : daemon;
    retention = retention == null ? DEFAULT_RETENTION : retention;
  }

  public DirsyncConfig(Path file, Path statePath, Optional<Path> caFile, List<DirectoryConfig> directories,
      List<SinkConfig> sinks, DaemonConfig daemon) {
    this(file, statePath, caFile, directories, sinks, daemon, DEFAULT_RETENTION);
  }

  /** A configuration with the default {@code daemon:} block. */
  public DirsyncConfig(Path file, Path statePath, Optional<Path> caFile, List<DirectoryConfig> directories,
      List<SinkConfig> sinks) {
    this(file, statePath, caFile, directories, sinks, DaemonConfig.DEFAULTS);
  }

  public Optional<DirectoryConfig> directory(String id) {
    return directories.stream().filter(d -> d.id().equals(id)).findFirst();
  }
}
