package io.dirsync.daemon.cli;

import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.ConfigError;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code dirsync test-connection}: obtain a token and read one page from each directory. */
@Command(name = "test-connection", description = "Obtain a token and read one page from each directory.")
final class TestConnectionCommand implements Callable<Integer> {

  private final Env env;
  @Mixin
  ConfigOption config;
  @Mixin
  DirectoryOption directories;
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  TestConnectionCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    DirsyncConfig cfg = config.load(env);
    boolean failed = false;
    for (DirectoryConfig d : directories.select(cfg, spec.commandLine())) {
      try (Connector c = App.connectorFor(cfg, d, env.clock())) {
        if (c instanceof ConnectionCheck check) {
          env.out().println(d.id() + ": ok, " + check.checkConnection());
        } else {
          env.out().println(d.id() + ": the " + d.type() + " connector cannot test its connection");
        }
      } catch (ConnectorException e) {
        failed = true;
        env.out().println(d.id() + ": FAILED, " + e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage());
      } catch (ConfigException e) {
        throw new ConfigError(cfg.file(), d.id() + (e.key().isEmpty() ? "" : "." + e.key()), e.getMessage());
      }
    }
    return failed ? ExitCodes.FAILED : ExitCodes.OK;
  }
}
