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
 */
public record DirsyncConfig(Path file, Path statePath, Optional<Path> caFile, List<DirectoryConfig> directories,
    List<SinkConfig> sinks, DaemonConfig daemon) {

  public DirsyncConfig {
    directories = List.copyOf(directories);
    sinks = List.copyOf(sinks);
    daemon = daemon == null ? DaemonConfig.DEFAULTS : daemon;
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
