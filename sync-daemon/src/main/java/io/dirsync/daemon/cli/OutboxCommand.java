package io.dirsync.daemon.cli;

import io.dirsync.daemon.App;
import io.dirsync.daemon.config.DirsyncConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dirsync outbox retry|skip --directory ID [--sink ID]}: the operator's answer to a parked
 * queue. {@code retry} unparks and delivers now; {@code skip} drops exactly the one refused action
 * (it stays in the audit trail) and delivers the rest.
 */
@Command(name = "outbox", description = "Act on a parked delivery queue: retry it, or skip the one refused action.")
final class OutboxCommand implements Callable<Integer> {

  private final Env env;
  @Mixin
  ConfigOption config;
  @Parameters(index = "0", paramLabel = "retry|skip", description = "retry: unpark and deliver now; skip: drop the refused action and deliver the rest.")
  String verb;
  @Option(names = "--directory", paramLabel = "ID", required = true, description = "The directory whose queue to act on.")
  String directory;
  @Option(names = "--sink", paramLabel = "ID", description = "Only this sink (default: every sink).")
  String sink;
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  OutboxCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (!List.of("retry", "skip").contains(verb)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "expected retry or skip, got '" + verb + "'");
    }
    DirsyncConfig cfg = config.load(env);
    if (cfg.directory(directory).isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown directory '" + directory + "'");
    }
    try (App app = new App(cfg, env.clock(), env.out())) {
      if (sink != null && !app.sinkIds().contains(sink)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown sink '" + sink + "' (configured: "
            + String.join(", ", app.sinkIds()) + ")");
      }
      if (verb.equals("skip")) {
        List<String> skipped = app.store().skipParked(directory, sink, env.clock().instant());
        env.out().println(skipped.isEmpty() ? "nothing is parked for " + directory
            : "skipped " + String.join(", ", skipped) + " (kept in the audit trail)");
      } else {
        int n = app.store().retryNow(directory, sink);
        env.out().println(n == 0 ? "nothing is parked or waiting for " + directory : "retrying " + n + " queue(s) now");
      }
      var result = app.deliverNow();
      env.out().println("delivered " + result.delivered() + " action(s)"
          + (result.complete() ? "" : "; still not delivered: " + String.join(", ", result.failedSinks())));
      return result.complete() ? ExitCodes.OK : ExitCodes.UNDELIVERED;
    }
  }
}
