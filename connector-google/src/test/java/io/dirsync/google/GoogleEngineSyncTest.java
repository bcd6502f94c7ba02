package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleGroup;
import io.dirsync.emulator.google.GoogleUser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google has no change feed: every run is a full listing diffed against the snapshot. A domain of
 * 5,000 users and 500 groups is synced through the real engine and a real SQLite state database,
 * re-synced without changes (no actions, no snapshot row changed), then with 10 changes.
 */
class GoogleEngineSyncTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void fullSyncThenUnchangedResyncThenTenChanges() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(5000).groups(500).seed(11)
        .start(), dir);
        GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 8)),
            NestedGroups.DIRECT)) {
      GoogleEmulator emu = google.emulator;
      StateDatabase db = StateDatabase.open(dir.resolve("state.db"));
      StateStore store = new StateStore(db);
      SyncEngine engine = new SyncEngine(store, Clock.systemUTC());
      RunOptions full = new RunOptions(true, false, false);

      RunReport first = engine.run("acme", connector, SafetyPolicy.DEFAULT, full);
      assertThat(first.succeeded()).as(String.valueOf(first.record().message())).isTrue();
      assertThat(first.record().counts()).containsEntry("user.create", 5001).containsEntry("group.create", 500);
      long seq = last(store);
      String snapshot = snapshot(db);

      RunReport unchanged = engine.run("acme", connector, SafetyPolicy.DEFAULT, full);
      assertThat(unchanged.succeeded()).isTrue();
      assertThat(unchanged.record().counts()).isEmpty();
      assertThat(store.after(seq, 10)).isEmpty();
      assertThat(snapshot(db)).isEqualTo(snapshot);

      List<GoogleUser> active = emu.users().stream().filter(u -> !u.admin() && !u.suspended() && !u.archived())
          .toList();
      GoogleUser renamed = emu.renameUser(active.get(0).id(), "renamed.0@" + emu.domain());
      GoogleUser moved = emu.updateUser(active.get(1).id(), u -> u.department("Research"));
      GoogleUser suspended = emu.suspendUser(active.get(2).id());
      GoogleUser archived = emu.archiveUser(active.get(3).id());
      List<GoogleGroup> deletedGroups = emu.groupsOf(active.get(4).id());
      GoogleUser deleted = emu.deleteUser(active.get(4).id());
      GoogleUser promoted = emu.updateUser(active.get(5).id(), u -> u.title("Principal"));
      GoogleGroup left = emu.groupsOf(active.get(6).id()).get(0);
      assertThat(emu.removeMember(left.id(), active.get(6).id())).isTrue();
      GoogleUser hired = emu.addUser(GoogleUser.builder("new.hire@" + emu.domain()).name("New", "Hire").build());
      GoogleGroup joined = emu.group("team-0042@" + emu.domain()).orElseThrow();
      emu.addMember(joined.id(), hired.id());
      GoogleUser back = emu.unsuspendUser(emu.users().stream().filter(GoogleUser::suspended)
          .filter(u -> !u.id().equals(suspended.id())).findFirst().orElseThrow().id());

      RunReport changed = engine.run("acme", connector, SafetyPolicy.DEFAULT, full);
      assertThat(changed.succeeded()).as(String.valueOf(changed.record().message())).isTrue();
      List<String> actions = new ArrayList<>();
      for (OutboxEntry e : store.after(seq, 100)) {
        JsonNode a = JSON.readTree(e.body());
        actions.add(a.get("type").asText() + " " + a.get("objectId").asText()
            + (a.has("reason") ? " " + a.get("reason").asText() : "")
            + (a.has("memberId") ? " " + a.get("memberId").asText() : ""));
      }
      List<String> expected = new ArrayList<>(List.of(
          "user.update " + renamed.id(),
          "user.update " + moved.id(),
          "user.update " + promoted.id(),
          "user.deactivate " + suspended.id() + " disabled",
          "user.deactivate " + archived.id() + " disabled",
          "user.deactivate " + deleted.id() + " deleted",
          "user.reactivate " + back.id(),
          "user.create " + hired.id(),
          "membership.add " + joined.id() + " " + hired.id(),
          "membership.remove " + left.id() + " " + active.get(6).id()));
      deletedGroups.forEach(g -> expected.add("membership.remove " + g.id() + " " + deleted.id()));
      assertThat(actions).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static long last(StateStore store) {
    long seq = 0;
    for (OutboxEntry e : store.after(0, 1_000_000)) {
      seq = e.seq();
    }
    return seq;
  }

  /** The snapshot rows (users, groups, memberships) as text. */
  private static String snapshot(StateDatabase db) {
    return db.jdbi().withHandle(h -> {
      StringBuilder sb = new StringBuilder();
      for (String q : List.of("SELECT directory, id, hash, active, deleted, json FROM users ORDER BY 1, 2",
          "SELECT * FROM groups ORDER BY 1, 2", "SELECT * FROM memberships ORDER BY 1, 2, 3")) {
        h.createQuery(q).mapToMap().forEach(row -> sb.append(row).append('\n'));
      }
      return sb.toString();
    });
  }
}
