package io.dirsync.daemon.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.core.json.Json;
import io.dirsync.core.snapshot.DirectoryStats;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import java.text.ParseException;
import java.util.Date;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import org.quartz.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dirsync status}: per directory, the snapshot's counts, hold, pending actions, last and next run. */
@Command(name = "status", description = "Show each directory's snapshot, last run, pending actions and next run.")
final class StatusCommand implements Callable<Integer> {

  private final Env env;
  @Mixin
  ConfigOption config;
  @Option(names = "--json", description = "One JSON document, for scripts.")
  boolean json;

  StatusCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws ParseException {
    DirsyncConfig cfg = config.load(env);
    try (App app = new App(cfg, env.clock(), env.out())) {
      StateStore store = app.store();
      ObjectNode root = Json.MAPPER.createObjectNode();
      ArrayNode dirs = root.putArray("directories");
      for (DirectoryConfig d : cfg.directories()) {
        DirectoryStats s = store.stats(d.id());
        ObjectNode o = dirs.addObject();
        o.put("id", d.id());
        o.put("type", d.type());
        o.put("users", s.users());
        o.put("activeUsers", s.activeUsers());
        o.put("groups", s.groups());
        o.put("memberships", s.memberships());
        o.put("pendingActions", store.pending(d.id(), app.sinkIds()));
        o.put("held", s.held());
        if (s.held()) {
          o.put("heldSince", s.heldSince().toString());
          o.put("heldReason", s.heldReason());
        }
        o.put("nextRun", nextRun(d.schedule()));
        ArrayNode sinks = o.putArray("sinks");
        for (String sink : app.sinkIds()) {
          var q = store.delivery(sink, d.id());
          ObjectNode so = sinks.addObject();
          so.put("id", sink);
          so.put("pending", store.pending(d.id(), java.util.List.of(sink)));
          so.put("oldestPendingAt", store.oldestPending(d.id(), sink).orElse(null));
          so.put("parked", q.parked());
          so.put("attempts", q.attempts());
          so.put("nextAttemptAt", q.nextAttemptAt() == null ? null : q.nextAttemptAt().toString());
          so.put("lastError", q.lastError());
        }
        store.lastRun(d.id()).ifPresentOrElse(r -> o.set("lastRun", run(r)), () -> o.putNull("lastRun"));
      }
      if (json) {
        env.out().println(Json.write(root));
      } else {
        root.get("directories").forEach(o -> {
          env.out().printf("%s (%s): %d users (%d active), %d groups, %d memberships, %d actions pending%s%n",
              o.get("id").asText(), o.get("type").asText(), o.get("users").asLong(), o.get("activeUsers").asLong(),
              o.get("groups").asLong(), o.get("memberships").asLong(), o.get("pendingActions").asLong(),
              o.get("held").asBoolean() ? ", HELD since " + o.get("heldSince").asText() + ": " + o.get("heldReason").asText() : "");
          var last = o.get("lastRun");
          env.out().println("  last run: " + (last.isNull() ? "never" : last.get("mode").asText() + " "
              + last.get("outcome").asText() + " at " + last.get("startedAt").asText()));
          env.out().println("  next full sync: " + o.get("nextRun").asText());
          o.get("sinks").forEach(so -> {
            if (so.get("pending").asLong() > 0) {
              env.out().println("  sink " + so.get("id").asText() + ": " + so.get("pending").asLong()
                  + " pending since " + so.get("oldestPendingAt").asText()
                  + (so.get("parked").asBoolean() ? ", PARKED: " + so.get("lastError").asText()
                  : so.get("attempts").asInt() > 0 ? ", retrying: " + so.get("lastError").asText() : ""));
            }
          });
        });
      }
    }
    return ExitCodes.OK;
  }

  private String nextRun(String schedule) throws ParseException {
    CronExpression cron = new CronExpression(schedule);
    cron.setTimeZone(TimeZone.getTimeZone(env.clock().getZone()));
    Date next = cron.getNextValidTimeAfter(Date.from(env.clock().instant()));
    return next == null ? null : next.toInstant().toString();
  }

  static ObjectNode run(RunRecord r) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("id", r.id());
    o.put("directory", r.directory());
    o.put("mode", r.mode());
    o.put("outcome", r.outcome());
    o.put("startedAt", r.startedAt().toString());
    o.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
    o.set("actions", Json.MAPPER.valueToTree(r.counts()));
    if (r.message() != null) {
      o.put("message", r.message());
    }
    o.put("retries", r.retries());
    o.put("throttled", r.throttled());
    o.put("waitedMs", r.waitedMs());
    return o;
  }
}
