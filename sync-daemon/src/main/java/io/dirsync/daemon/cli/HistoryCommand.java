package io.dirsync.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.dirsync.core.json.Json;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.DirsyncConfig;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dirsync history}: the audit trail of runs and, with {@code --actions}, their actions. */
@Command(name = "history", description = "List recent runs; with --actions, the actions of a run or of an object.")
final class HistoryCommand implements Callable<Integer> {

  private final Env env;
  @Mixin
  ConfigOption config;
  @Option(names = "--directory", paramLabel = "ID", description = "Only this directory.")
  String directory;
  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs or actions (default ${DEFAULT-VALUE}).")
  int limit;
  @Option(names = "--json", description = "One JSON document, for scripts.")
  boolean json;
  @Option(names = "--actions", description = "Show actions: of --run ID, of --object ID, else of the latest run.")
  boolean actions;
  @Option(names = "--run", paramLabel = "ID", description = "The run whose actions to show.")
  String run;
  @Option(names = "--object", paramLabel = "ID", description = "The user or group whose actions to show (needs --directory).")
  String object;
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  HistoryCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be 1 or more");
    }
    DirsyncConfig cfg = config.load(env);
    if (directory != null && cfg.directory(directory).isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "unknown directory '" + directory + "'");
    }
    if (object != null && directory == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--object needs --directory");
    }
    try (App app = new App(cfg, env.clock(), env.out())) {
      if (actions || run != null || object != null) {
        List<OutboxEntry> list;
        if (object != null) {
          list = app.store().actionsOfObject(directory, object, limit);
        } else {
          String runId = run != null ? run
              : app.store().runs(Optional.ofNullable(directory), 1).stream().findFirst().map(RunRecord::id).orElse("");
          list = app.store().actionsOfRun(runId);
        }
        if (json) {
          ArrayNode arr = Json.MAPPER.createArrayNode();
          list.forEach(e -> arr.add(Json.read(e.body(), JsonNode.class)));
          env.out().println(Json.write(arr));
        } else {
          list.forEach(e -> env.out().println(e.at() + "  " + e.directory() + "  "
              + Reports.describe(Json.read(e.body(), JsonNode.class))));
        }
        return ExitCodes.OK;
      }
      List<RunRecord> runs = app.store().runs(Optional.ofNullable(directory), limit);
      if (json) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        runs.forEach(r -> arr.add(StatusCommand.run(r)));
        env.out().println(Json.write(Json.MAPPER.createObjectNode().set("runs", arr)));
      } else {
        for (RunRecord r : runs) {
          env.out().printf("%s  %-10s %-8s %-9s %s  %s%s%n", r.startedAt(), r.directory(), r.mode(), r.outcome(), r.id(),
              r.counts().isEmpty() ? "no changes" : Reports.counts(r.counts()),
              r.message() == null ? "" : "  (" + r.message() + ")");
        }
      }
    }
    return ExitCodes.OK;
  }
}
