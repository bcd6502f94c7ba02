package io.dirsync.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.core.diff.ActionType;
import io.dirsync.core.diff.FieldChange;
import io.dirsync.core.diff.GroupDecision;
import io.dirsync.core.diff.UserDecision;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.Membership;
import io.dirsync.core.snapshot.sqlite.Staging;
import java.util.Map;
import java.util.UUID;

/**
 * Turns decisions into actions in the format of DESIGN.md and plans them in the run's staging.
 * Each action gets its id here, once; redeliveries reuse it.
 */
final class ActionWriter {

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
    ObjectNode a = envelope(d.action(), d.object().id());
    a.set("object", Json.MAPPER.valueToTree(d.object()));
    if (d.action() == ActionType.USER_UPDATE) {
      a.set("changes", changes(d.changes()));
    }
    if (d.reason() != null) {
      a.put("reason", d.reason());
    }
    plan(d.action(), a);
  }

  void group(GroupDecision d) {
    ObjectNode a = envelope(d.action(), d.object().id());
    a.set("object", Json.MAPPER.valueToTree(d.object()));
    if (d.action() == ActionType.GROUP_UPDATE) {
      a.set("changes", changes(d.changes()));
    }
    plan(d.action(), a);
  }

  void membership(Membership m, boolean added) {
    ActionType type = added ? ActionType.MEMBERSHIP_ADD : ActionType.MEMBERSHIP_REMOVE;
    ObjectNode a = envelope(type, m.groupId());
    a.put("groupId", m.groupId());
    a.put("memberId", m.memberId());
    a.put("memberType", m.memberType().wireName());
    plan(type, a);
  }

  private ObjectNode envelope(ActionType type, String objectId) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("id", UUID.randomUUID().toString());
    a.put("directory", directory);
    a.put("run", runId);
    a.put("type", type.wireName());
    a.put("objectId", objectId);
    a.put("at", at);
    return a;
  }

  private static ObjectNode changes(Map<String, FieldChange> changes) {
    ObjectNode c = Json.MAPPER.createObjectNode();
    changes.forEach((field, ch) -> {
      ObjectNode fc = c.putObject(field);
      fc.set("from", Json.MAPPER.valueToTree(ch.from()));
      fc.set("to", Json.MAPPER.valueToTree(ch.to()));
    });
    return c;
  }

  private void plan(ActionType type, ObjectNode a) {
    staging.addAction(type, a.get("id").asText(), a.get("objectId").asText(), at, Json.write(a));
  }
}
