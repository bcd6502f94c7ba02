package io.dirsync.daemon.cli;

import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.Connector;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.ConfigError;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dirsync check-config}: load, validate, and make every connector without contacting anything. */
@Command(name = "check-config", description = "Validate the configuration (and the key files it names) and exit.")
final class CheckConfigCommand implements Callable<Integer> {

  private final Env env;
  @Mixin
  ConfigOption config;

  CheckConfigCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    DirsyncConfig cfg = config.load(env);
    for (int i = 0; i < cfg.directories().size(); i++) {
      DirectoryConfig d = cfg.directories().get(i);
      try (Connector c = connectorOf(cfg, d)) {
        // made and closed: its key files were readable and its settings coherent
      } catch (ConfigException e) {
        throw new ConfigError(cfg.file(), "directories[" + i + "]" + (e.key().isEmpty() ? "" : "." + e.key()), e.getMessage());
      }
    }
    env.out().println(cfg.file() + ": OK, " + cfg.directories().size() + " director"
        + (cfg.directories().size() == 1 ? "y" : "ies") + " (" + String.join(", ",
        cfg.directories().stream().map(d -> d.id() + ":" + d.type()).toList()) + "), " + cfg.sinks().size()
        + " sink(s), state " + cfg.statePath());
    return ExitCodes.OK;
  }

  private Connector connectorOf(DirsyncConfig cfg, DirectoryConfig d) {
    return App.connectorFor(cfg, d, env.clock());
  }
}
