package io.dirsync.daemon.cli;

import io.dirsync.core.action.Dispatcher;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dirsync sync}: run directories once, now, deliver their actions, and exit. */
@Command(name = "sync", description = "Run each named directory (default: all) once, now, and deliver the actions.")
final class SyncCommand implements Callable<Integer> {

  private final Env env;

  @Mixin
  ConfigOption config;
  @Mixin
  DirectoryOption directories;
  @Option(names = "--full", description = "Ignore saved delta cursors: a full listing and diff (manual resync).")
  boolean full;
  @Option(names = "--dry-run", description = "Fetch and diff, print the plan, commit nothing.")
  boolean dryRun;
  @Option(names = "--allow-deletions", description = "Let this run pass the deletion threshold.")
  boolean allowDeletions;
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  SyncCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    DirsyncConfig cfg = config.load(env);
    List<DirectoryConfig> selected = directories.select(cfg, spec.commandLine());
    RunOptions options = new RunOptions(full, dryRun, allowDeletions);
    boolean failed = false;
    boolean held = false;
    try (App app = new App(cfg, env.clock(), env.out())) {
      for (DirectoryConfig d : selected) {
        RunReport r = app.run(d, options);
        Reports.printRun(env.out(), r);
        if (dryRun) {
          Reports.printPlan(env.out(), r);
        }
        failed |= r.failed();
        held |= r.held();
      }
      boolean undelivered = false;
      if (!dryRun) {
        Dispatcher.Result delivered = app.deliverNow();
        if (!delivered.complete()) {
          undelivered = true;
          env.out().println("not delivered: sink(s) " + String.join(", ", delivered.failedSinks())
              + " could not take every action; they stay queued and are delivered on the next run");
          for (var q : delivered.parked()) {
            env.out().println("  PARKED sink " + q.sink() + ", directory " + q.directory()
                + ": the receiver refused an action; after fixing the cause run `dirsync outbox retry --directory "
                + q.directory() + "` (or `skip` to drop that one action)");
          }
        }
      }
      return ExitCodes.of(failed, held, undelivered);
    }
  }
}
