package io.dirsync.daemon.cli;

import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --directory ID}, repeatable; none means every configured directory. Unknown ids are bad usage. */
public final class DirectoryOption {

  @Option(names = "--directory", paramLabel = "ID", description = "A configured directory id (repeatable; default: all).")
  List<String> ids = new ArrayList<>();

  List<DirectoryConfig> select(DirsyncConfig config, CommandLine cmd) {
    if (ids.isEmpty()) {
      return config.directories();
    }
    List<DirectoryConfig> out = new ArrayList<>();
    for (String id : ids) {
      out.add(config.directory(id).orElseThrow(() -> new CommandLine.ParameterException(cmd,
          "unknown directory '" + id + "' (configured: "
              + String.join(", ", config.directories().stream().map(DirectoryConfig::id).toList()) + ")")));
    }
    return out;
  }
}
