package io.dirsync.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.json.Json;
import io.dirsync.core.snapshot.RunRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/** How runs and actions are shown to a person on stdout. */
final class Reports {

  private Reports() {
  }

  static void printRun(PrintStream out, RunReport r) {
    RunRecord rec = r.record();
    String took = rec.finishedAt() == null ? "" : " in " + human(Duration.between(rec.startedAt(), rec.finishedAt()));
    String head = rec.directory() + ": " + rec.mode() + " run " + rec.outcome() + took;
    String waits = rec.retries() > 0 || rec.throttled() > 0 || rec.waitedMs() > 0
        ? " (" + rec.retries() + " retries, " + rec.throttled() + " throttled, waited " + human(Duration.ofMillis(rec.waitedMs())) + ")"
        : "";
    out.println(head + waits + (rec.counts().isEmpty() ? ", no changes" : ": " + counts(rec.counts())));
    if (r.held() && !r.newlyHeld() && !"dry-run".equals(rec.mode())) {
      out.println("  still held, no new alarm: " + rec.message());
    } else if (rec.message() != null) {
      out.println("  " + rec.message());
    }
  }

  static void printPlan(PrintStream out, RunReport r) {
    if (r.plannedActions().isEmpty()) {
      return;
    }
    out.println("  plan (" + r.plannedActions().size() + " actions" + (r.held() ? ", HELD: would not be committed" : "")
        + "):");
    for (String body : r.plannedActions()) {
      out.println("    " + describe(Json.read(body, JsonNode.class)));
    }
  }

  static String counts(Map<String, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return sb.toString();
  }

  /** One line for an action: type, then who or what it is about. */
  static String describe(JsonNode a) {
    String type = a.path("type").asText();
    StringBuilder sb = new StringBuilder(String.format("%-18s", type));
    JsonNode o = a.path("object");
    if (a.has("memberId")) {
      sb.append(a.path("groupId").asText()).append(" <- ").append(a.path("memberType").asText()).append(' ')
          .append(a.path("memberId").asText());
    } else if (o.has("userName")) {
      sb.append(o.path("userName").asText()).append(" (").append(a.path("objectId").asText()).append(')');
    } else {
      sb.append(o.path("name").asText()).append(" (").append(a.path("objectId").asText()).append(')');
    }
    if (a.has("reason")) {
      sb.append(" reason=").append(a.path("reason").asText());
    }
    if (a.has("changes")) {
      a.path("changes").fields().forEachRemaining(e -> sb.append(' ').append(e.getKey()).append(": ")
          .append(e.getValue().path("from")).append(" -> ").append(e.getValue().path("to")));
    }
    return sb.toString();
  }

  static String human(Duration d) {
    return d.toMillis() < 10_000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
  }
}
