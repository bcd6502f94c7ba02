package io.dirsync.daemon.config;

import java.nio.file.Path;

/**
 * A configuration mistake: names the file and the key, says what is wrong, never shows a secret.
 * The command line prints {@link #getMessage()} and exits 2, without a stack trace.
 */
public final class ConfigError extends RuntimeException {

  private final Path file;
  private final String key;

  public ConfigError(Path file, String key, String problem) {
    super(file + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem);
    this.file = file;
    this.key = key;
  }

  public Path file() {
    return file;
  }

  public String key() {
    return key;
  }
}
