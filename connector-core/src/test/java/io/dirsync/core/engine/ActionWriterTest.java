package io.dirsync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dirsync.core.diff.Decide;
import io.dirsync.core.diff.FieldChange;
import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.Staging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming action writer writes, byte for byte, the bodies the tree-building one wrote (the
 * reference below), apart from each action's own random id: receivers verify signatures over these
 * bytes, and the format is DESIGN.md's contract.
 */
class ActionWriterTest {

  @TempDir
  Path tmp;

  private static final String AT = "2026-11-23T10:00:00Z";

  @Test
  void bodiesAreExactlyTheDocumentedFormatInOnePass() throws Exception {
    List<ObjectNode> expected = new ArrayList<>();
    try (Staging staging = Staging.create(StateDatabase.open(tmp.resolve("state.db")), "acme",
        UUID.randomUUID().toString())) {
      ActionWriter w = new ActionWriter(staging, "acme", "run-1", AT);
      User ada = new User("u1", "ada", "ada@acme.example", "Ada", "Lovelace", "Ada \"Countess\" Lovelace", true, null,
          "Engineer", "u0", "E-1", Map.of("costCenter", "42", "ünïcode", "日本"));
      User adaMoved = new User("u1", "ada", "ada@acme.example", "Ada", "Lovelace", "Ada Lovelace", true, "R&D",
          "Engineer", "u0", "E-1", Map.of("costCenter", "43"));
      var create = Decide.user(null, ada);
      var update = Decide.user(new StoredUser(ada, false), adaMoved);
      var disable = Decide.user(new StoredUser(adaMoved, false), adaMoved.withActive(false));
      var delete = Decide.user(new StoredUser(adaMoved, false), null);
      Group g1 = new Group("g1", "Staff", "staff@acme.example", null);
      var groupCreate = Decide.group(null, g1);
      var groupUpdate = Decide.group(g1, new Group("g1", "All staff", "staff@acme.example", "everyone"));
      var groupDelete = Decide.group(g1, null);
      for (var d : List.of(create, update, disable, delete)) {
        w.user(d);
        expected.add(reference(d.action().wireName(), d.object().id(), a -> {
          a.set("object", Json.MAPPER.valueToTree(d.object()));
          if (d.action() == io.dirsync.core.diff.ActionType.USER_UPDATE) {
            a.set("changes", changes(d.changes()));
          }
          if (d.reason() != null) {
            a.put("reason", d.reason());
          }
        }));
      }
      for (var d : List.of(groupCreate, groupUpdate, groupDelete)) {
        w.group(d);
        expected.add(reference(d.action().wireName(), d.object().id(), a -> {
          a.set("object", Json.MAPPER.valueToTree(d.object()));
          if (d.action() == io.dirsync.core.diff.ActionType.GROUP_UPDATE) {
            a.set("changes", changes(d.changes()));
          }
        }));
      }
      for (boolean added : new boolean[] {true, false}) {
        Membership m = new Membership("g1", "u1", MemberType.USER);
        w.membership(m, added);
        expected.add(reference(added ? "membership.add" : "membership.remove", "g1", a -> {
          a.put("groupId", "g1");
          a.put("memberId", "u1");
          a.put("memberType", "user");
        }));
      }
      assertThat(update.changes()).isNotEmpty();
      assertThat(groupUpdate.changes()).isNotEmpty();

      List<String> bodies = staging.plannedActions(100);
      assertThat(bodies).hasSize(expected.size());
      List<String> got = new ArrayList<>();
      List<String> want = new ArrayList<>();
      java.util.Set<String> ids = new java.util.HashSet<>();
      for (int i = 0; i < bodies.size(); i++) {
        JsonNode body = Json.MAPPER.readTree(bodies.get(i));
        String id = body.path("id").asText();
        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(ids.add(id)).as("each action has its own id").isTrue();
        assertThat(bodies.get(i)).startsWith("{\"id\":\"" + id + "\",");
        got.add(bodies.get(i).replace(id, ""));
        want.add(Json.write(expected.get(i)));
      }
      assertThat(got).containsExactlyInAnyOrderElementsOf(want);
    }
  }

  private static ObjectNode reference(String type, String objectId, java.util.function.Consumer<ObjectNode> rest) {
    ObjectNode a = Json.MAPPER.createObjectNode();
    a.put("id", "");
    a.put("directory", "acme");
    a.put("run", "run-1");
    a.put("type", type);
    a.put("objectId", objectId);
    a.put("at", AT);
    rest.accept(a);
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
}
