package io.dirsync.core.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dirsync.core.diff.ActionType;
import io.dirsync.core.diff.FieldChange;
import io.dirsync.core.diff.GroupDecision;
import io.dirsync.core.diff.UserDecision;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.Membership;
import io.dirsync.core.snapshot.sqlite.Staging;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

/**
 * Turns decisions into actions in the format of DESIGN.md and plans them in the run's staging.
 * Each action gets its id here, once; redeliveries reuse it. Each body is written in one streaming
 * pass (a first sync plans one action per user, group and membership: hundreds of thousands).
 */
final class ActionWriter {

  /** Writes the fields that follow the envelope. */
  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private final Staging staging;
  private final String directory;
  private final String runId;
  private final String at;

  ActionWriter(Staging staging, String directory, String runId, String at) {
    this.staging = staging;
    this.directory = directory;
    this.runId = runId;
    this.at = at;
  }

  void user(UserDecision d) {
    plan(d.action(), d.object().id(), g -> {
      g.writeObjectField("object", d.object());
      if (d.action() == ActionType.USER_UPDATE) {
        changes(g, d.changes());
      }
      if (d.reason() != null) {
        g.writeStringField("reason", d.reason());
      }
    });
  }

  void group(GroupDecision d) {
    plan(d.action(), d.object().id(), g -> {
      g.writeObjectField("object", d.object());
      if (d.action() == ActionType.GROUP_UPDATE) {
        changes(g, d.changes());
      }
    });
  }

  void membership(Membership m, boolean added) {
    plan(added ? ActionType.MEMBERSHIP_ADD : ActionType.MEMBERSHIP_REMOVE, m.groupId(), g -> {
      g.writeStringField("groupId", m.groupId());
      g.writeStringField("memberId", m.memberId());
      g.writeStringField("memberType", m.memberType().wireName());
    });
  }

  private static void changes(JsonGenerator g, Map<String, FieldChange> changes) throws IOException {
    g.writeObjectFieldStart("changes");
    for (Map.Entry<String, FieldChange> e : changes.entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      g.writeObjectField("from", e.getValue().from());
      g.writeObjectField("to", e.getValue().to());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private void plan(ActionType type, String objectId, Body body) {
    String id = UUID.randomUUID().toString();
    StringWriter out = new StringWriter(512);
    try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", id);
      g.writeStringField("directory", directory);
      g.writeStringField("run", runId);
      g.writeStringField("type", type.wireName());
      g.writeStringField("objectId", objectId);
      g.writeStringField("at", at);
      body.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    staging.addAction(type, id, objectId, at, out.toString());
  }
}
