package io.dirsync.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.testing.InMemoryConnector;
import io.dirsync.core.testing.InMemorySource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A real SQLite state database in a temp folder, an in-memory source and an engine over them. */
final class EngineFixture {

  static final String DIR = "acme";

  final StateDatabase db;
  final StateStore store;
  final InMemorySource source = new InMemorySource();
  final InMemoryConnector connector;
  final SyncEngine engine;
  SafetyPolicy safety = SafetyPolicy.DEFAULT;
  long seenSeq;

  EngineFixture(Path tmp) {
    db = StateDatabase.open(tmp.resolve("state.db"));
    store = new StateStore(db);
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T02:00:00Z"), ZoneOffset.UTC);
    connector = new InMemoryConnector(source, 7, clock);
    engine = new SyncEngine(store, clock);
  }

  static User user(int i) {
    return new User(String.format("u%03d", i), "user" + i + "@acme.example", "user" + i + "@acme.example",
        "Given" + i, "Family" + i, "Given" + i + " Family" + i, true, "Dept", "Title", null, null, Map.of());
  }

  /** {@code n} active users, a group "all" with every one of them, a group "few" with the first two. */
  void seed(int n) {
    for (int i = 0; i < n; i++) {
      source.putUser(user(i));
    }
    source.putGroup(new Group("g-all", "all", "all@acme.example", null));
    source.putGroup(new Group("g-few", "few", "few@acme.example", "the first two"));
    for (int i = 0; i < n; i++) {
      source.addMember("g-all", user(i).id(), MemberType.USER);
    }
    source.addMember("g-few", user(0).id(), MemberType.USER);
    source.addMember("g-few", user(1).id(), MemberType.USER);
  }

  RunReport run(RunOptions options) {
    return engine.run(DIR, connector, safety, options);
  }

  RunReport full() {
    return run(new RunOptions(true, false, false));
  }

  RunReport scheduled() {
    return run(RunOptions.SCHEDULED);
  }

  /** Outbox entries committed since the last call, as parsed JSON. */
  List<JsonNode> newActions() {
    List<JsonNode> out = new ArrayList<>();
    for (OutboxEntry e : store.after(seenSeq, 1_000_000)) {
      out.add(parse(e.body()));
      seenSeq = e.seq();
    }
    return out;
  }

  static List<String> types(List<JsonNode> actions) {
    return actions.stream().map(a -> a.get("type").asText() + " " + a.get("objectId").asText()
        + (a.has("memberId") ? "/" + a.get("memberId").asText() : "")).toList();
  }

  static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every row the state database holds about the snapshot and the outbox, for "nothing changed" checks. */
  String dump() {
    return db.jdbi().withHandle(h -> {
      StringBuilder sb = new StringBuilder();
      for (String q : List.of("SELECT directory, id, hash, active, deleted, json FROM users ORDER BY 1, 2",
          "SELECT * FROM groups ORDER BY 1, 2", "SELECT * FROM memberships ORDER BY 1, 2, 3",
          "SELECT directory, version, cursor, cursor_issued_at FROM directory_state ORDER BY 1",
          "SELECT seq, id, body FROM outbox ORDER BY seq")) {
        h.createQuery(q).mapToMap().forEach(row -> sb.append(row).append('\n'));
      }
      return sb.toString();
    });
  }
}
