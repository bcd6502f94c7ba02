package io.dirsync.daemon.config;

import java.nio.file.Path;

/** Where actions go. Each sink has a stable {@link #id()} that keys its delivery position. */
public sealed interface SinkConfig {

  String id();

  /**
   * Appends JSON lines to {@code path}, or writes them to standard output when {@code path} is {@code -}.
   */
  record Jsonl(String id, Path path, boolean stdout) implements SinkConfig {}
}
