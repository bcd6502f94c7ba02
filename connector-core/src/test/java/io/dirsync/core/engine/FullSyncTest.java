package io.dirsync.core.engine;

import static io.dirsync.core.engine.EngineFixture.types;
import static io.dirsync.core.engine.EngineFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.ConnectorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FullSyncTest {

  @TempDir
  Path tmp;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(tmp);
    f.seed(20);
  }

  @Test
  void firstSyncCreatesUsersThenGroupsThenMemberships() {
    RunReport r = f.full();

    assertThat(r.succeeded()).isTrue();
    List<String> t = types(f.newActions());
    assertThat(t).hasSize(20 + 2 + 22);
    assertThat(t.subList(0, 20)).allMatch(s -> s.startsWith("user.create"));
    assertThat(t.subList(20, 22)).containsExactly("group.create g-all", "group.create g-few");
    assertThat(t.subList(22, 44)).allMatch(s -> s.startsWith("membership.add"));
    assertThat(r.record().counts()).containsEntry("user.create", 20).containsEntry("membership.add", 22);
  }

  @Test
  void actionsCarryTheDocumentedShape() {
    f.full();
    JsonNode create = f.newActions().get(0);

    assertThat(create.fieldNames()).toIterable()
        .containsExactly("id", "directory", "run", "type", "objectId", "at", "object");
    assertThat(create.get("directory").asText()).isEqualTo("acme");
    assertThat(create.get("at").asText()).isEqualTo("2026-01-01T02:00:00Z");
    assertThat(create.get("object").fieldNames()).toIterable().containsExactly("id", "userName", "email", "givenName",
        "familyName", "displayName", "active", "department", "jobTitle", "managerId", "employeeId", "attributes");
  }

  @Test
  void secondSyncWithoutChangesEmitsNothingAndWritesNoSnapshotRow() {
    f.full();
    f.newActions();
    String before = f.dump().replaceAll("(?m)^\\{directory=acme, version=\\d+.*$", "");

    RunReport r = f.full();

    assertThat(r.succeeded()).isTrue();
    assertThat(f.newActions()).isEmpty();
    assertThat(f.dump().replaceAll("(?m)^\\{directory=acme, version=\\d+.*$", "")).isEqualTo(before);
  }

  @Test
  void renameIsAnUpdateOfTheSameIdWithOnlyTheChangedFields() {
    f.full();
    f.newActions();
    User u = user(3);
    f.source.putUser(new User(u.id(), "ada@acme.example", u.email(), u.givenName(), u.familyName(), u.displayName(),
        true, u.department(), "Engineer", null, null, Map.of("costCenter", "42")));

    f.full();
    List<JsonNode> a = f.newActions();

    assertThat(types(a)).containsExactly("user.update u003");
    JsonNode changes = a.get(0).get("changes");
    assertThat(changes.toString()).isEqualTo("{\"userName\":{\"from\":\"user3@acme.example\",\"to\":\"ada@acme.example\"},"
        + "\"jobTitle\":{\"from\":\"Title\",\"to\":\"Engineer\"},\"attributes.costCenter\":{\"from\":null,\"to\":\"42\"}}");
    assertThat(a.get(0).get("object").get("userName").asText()).isEqualTo("ada@acme.example");
  }

  @Test
  void disabledDeletedAndReturningUsers() {
    f.full();
    f.newActions();
    f.source.putUser(user(1).withActive(false));
    f.source.removeUser(user(2).id(), true);

    f.full();
    List<JsonNode> a = f.newActions();
    assertThat(types(a)).containsExactly("membership.remove g-all/u002", "user.deactivate u001", "user.deactivate u002");
    assertThat(a.get(1).get("reason").asText()).isEqualTo("disabled");
    assertThat(a.get(2).get("reason").asText()).isEqualTo("deleted");
    assertThat(a.get(2).get("object").get("active").asBoolean()).isFalse();

    f.source.putUser(user(1));
    f.source.putUser(user(2));
    f.full();
    // u002's membership of g-all was removed while the user was gone; the source lists it again.
    assertThat(types(f.newActions())).containsExactly("user.reactivate u001", "user.reactivate u002",
        "membership.add g-all/u002");
  }

  @Test
  void userDeletedWhileDeactivatedGetsNoSecondAction() {
    f.source.putUser(user(5).withActive(false));
    f.full();
    f.newActions();
    f.source.removeUser(user(5).id(), true);

    f.full();

    assertThat(types(f.newActions())).containsExactly("membership.remove g-all/u005");
  }

  @Test
  void deletedGroupLosesItsMembersFirstThenIsDeleted() {
    f.full();
    f.newActions();
    f.source.removeGroup("g-few");
    f.source.putGroup(new Group("g-all", "everyone", "all@acme.example", null));

    f.full();

    assertThat(types(f.newActions())).containsExactly("group.update g-all", "membership.remove g-few/u000",
        "membership.remove g-few/u001", "group.delete g-few");
  }

  @Test
  void membershipsOfOutOfScopeMembersAreDropped() {
    f.source.addMember("g-few", "not-a-listed-user", MemberType.USER);
    f.source.addMember("g-few", "g-unknown", MemberType.GROUP);
    f.full();
    assertThat(types(f.newActions())).noneMatch(s -> s.contains("not-a-listed-user") || s.contains("g-unknown"));
  }

  @Test
  void deactivatesNobodyWhenAPageFailsAndChangesNothing() {
    f.full();
    f.newActions();
    f.source.putUser(user(4).withActive(false));
    String before = f.dump();
    f.connector.failUsersPage(1, ConnectorException.Kind.TRANSIENT);

    RunReport r = f.full();

    assertThat(r.failed()).isTrue();
    assertThat(r.record().message()).contains("users page 1 failed");
    assertThat(f.dump()).isEqualTo(before);
    assertThat(f.store.runs(java.util.Optional.of("acme"), 1).get(0).outcome()).isEqualTo("failed");
  }

  @Test
  void theStateDatabaseIsReadableByItsOwnerOnly() throws Exception {
    f.full();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("state.db"))))
        .isEqualTo("rw-------");
    assertThat(Files.list(tmp.resolve("state.db.staging"))).as("no scratch file is left behind").isEmpty();
  }

  @Test
  void theStateDatabaseRunsInWalModeWithABoundedWal() {
    f.full();
    f.db.jdbi().useHandle(h -> {
      assertThat(h.createQuery("PRAGMA journal_mode").mapTo(String.class).one()).isEqualTo("wal");
      assertThat(h.createQuery("PRAGMA journal_size_limit").mapTo(Long.class).one()).isEqualTo(64L * 1024 * 1024);
    });
  }

  @Test
  void dryRunPrintsThePlanTheRealRunCommits() {
    f.full();
    f.newActions();
    f.source.putUser(user(7).withActive(false));
    f.source.putUser(user(50));
    String before = f.dump();

    RunReport dry = f.run(new RunOptions(true, true, false));

    assertThat(f.dump()).isEqualTo(before);
    assertThat(dry.record().mode()).isEqualTo("dry-run");
    List<String> planned = types(dry.plannedActions().stream().map(EngineFixture::parse).toList());
    f.full();
    assertThat(types(f.newActions())).isEqualTo(planned);
  }

  @Test
  void manyDecisionsAcrossTheMergesBatchesAreEachMadeOnceInIdOrder() {
    // 1,500 users, then 700 changed, 300 gone and 450 new, interleaved in id order: the decisions
    // cross several of the merge's batches of FullPlanner.DECIDE_BATCH
    for (int i = 0; i < 1500; i++) {
      f.source.putUser(user(1000 + 2 * i));
    }
    assertThat(f.full().succeeded()).isTrue();
    f.newActions();
    for (int i = 0; i < 1500; i++) {
      User u = user(1000 + 2 * i);
      if (i % 5 == 1) {
        f.source.removeUser(u.id(), true);
      } else if (i % 15 < 7 || i % 15 == 13) {
        f.source.putUser(new User(u.id(), u.userName(), u.email(), u.givenName(), u.familyName(), u.displayName(), true,
            u.department(), "Title " + i, u.managerId(), u.employeeId(), u.attributes()));
      }
    }
    for (int i = 0; i < 450; i++) {
      f.source.putUser(user(1001 + 2 * i));
    }

    RunReport r = f.run(new RunOptions(true, false, true));

    assertThat(r.succeeded()).as(String.valueOf(r.record().message())).isTrue();
    List<JsonNode> actions = f.newActions();
    Map<String, Integer> counts = r.record().counts();
    assertThat(counts).containsEntry("user.deactivate", 300).containsEntry("user.create", 450);
    int updates = counts.get("user.update");
    assertThat(updates).isEqualTo((int) java.util.stream.IntStream.range(0, 1500)
        .filter(i -> i % 5 != 1 && (i % 15 < 7 || i % 15 == 13)).count());
    assertThat(actions).as(counts.toString()).hasSize(300 + 450 + updates);
    assertThat(actions.stream().map(a -> a.get("type").asText() + " " + a.get("objectId").asText()).distinct())
        .as("each decided once").hasSize(actions.size());
    for (String type : List.of("user.create", "user.update", "user.deactivate")) {
      assertThat(actions.stream().filter(a -> a.get("type").asText().equals(type))
          .map(a -> a.get("objectId").asText()).toList()).as(type + " in id order").isSorted();
    }
    assertThat(actions).filteredOn(a -> a.get("type").asText().equals("user.update"))
        .allSatisfy(a -> assertThat(a.at("/object/jobTitle").asText()).startsWith("Title "));
    assertThat(f.store.stats(EngineFixture.DIR).activeUsers()).as("the 20 seeded, 1,500 - 300 + 450")
        .isEqualTo(20 + 1500 - 300 + 450);
  }
}
