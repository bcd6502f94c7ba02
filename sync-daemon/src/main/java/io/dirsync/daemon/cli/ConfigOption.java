package io.dirsync.daemon.cli;

import io.dirsync.daemon.config.ConfigLoader;
import io.dirsync.daemon.config.DirsyncConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}: defaults to {@code $DIRSYNC_CONFIG}, then {@code ./dirsync.yaml}. */
public final class ConfigOption {

  @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: $DIRSYNC_CONFIG, then ./dirsync.yaml).")
  Path file;

  Path resolve(Env env) {
    if (file != null) {
      return file;
    }
    String fromEnv = env.env().apply("DIRSYNC_CONFIG");
    return fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : Path.of("dirsync.yaml");
  }

  DirsyncConfig load(Env env) {
    return new ConfigLoader(env.registry(), env.env()).load(resolve(env));
  }
}
