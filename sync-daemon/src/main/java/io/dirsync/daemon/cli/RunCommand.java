package io.dirsync.daemon.cli;

import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.Connector;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.ConfigError;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.daemon.schedule.Daemon;
import io.dirsync.daemon.schedule.Signals;
import java.util.concurrent.Callable;
import org.quartz.SchedulerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code dirsync run}: the daemon (systemd's {@code ExecStart}). SIGTERM stops it gracefully (exit 0),
 * SIGHUP re-reads the configuration.
 */
@Command(name = "run", description = {
    "Run as a daemon: sync every directory on its schedule until SIGTERM.",
    "SIGHUP re-reads the configuration (a bad one is rejected and the running one kept)."})
final class RunCommand implements Callable<Integer> {

  private final Env env;
  @Mixin
  ConfigOption config;

  RunCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws SchedulerException, InterruptedException {
    DirsyncConfig cfg = config.load(env);
    check(cfg);
    Daemon daemon = new Daemon(cfg, () -> config.load(env), env.clock(), env.out());
    Signals.install(daemon::terminate, daemon::reload);
    daemon.start();
    return daemon.runUntilTerminated();
  }

  /** Makes every connector once, as check-config does, so that a bad key file fails the start (exit 2). */
  private void check(DirsyncConfig cfg) {
    for (int i = 0; i < cfg.directories().size(); i++) {
      try (Connector c = App.connectorFor(cfg, cfg.directories().get(i), env.clock())) {
        // made and closed
      } catch (ConfigException e) {
        throw new ConfigError(cfg.file(), "directories[" + i + "]" + (e.key().isEmpty() ? "" : "." + e.key()),
            e.getMessage());
      }
    }
  }
}
