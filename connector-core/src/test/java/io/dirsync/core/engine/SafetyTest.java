package io.dirsync.core.engine;

import static io.dirsync.core.engine.EngineFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.model.MemberType;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetyTest {

  @TempDir
  Path tmp;

  static Stream<Arguments> thresholds() {
    SafetyPolicy p = new SafetyPolicy(50, 10);
    return Stream.of(
        // full?, fetched, snapshot users, snapshot active, deactivations, group deletes, policy, held?
        Arguments.of(true, 0, 5, 5, 5, 0, p, "the full listing returned no users while the snapshot has 5"),
        Arguments.of(false, 0, 5, 5, 5, 0, p, null),
        Arguments.of(true, 949, 1000, 1000, 51, 0, p, "it would deactivate 51 users, more than maxDeactivations 50"),
        Arguments.of(true, 950, 1000, 1000, 50, 0, p, null),
        Arguments.of(true, 1000, 1000, 1000, 0, 51, p, "it would delete 51 groups, more than maxDeactivations 50"),
        Arguments.of(true, 89, 100, 100, 11, 0, p, "it would deactivate 11 of 100 active users, more than 10%"),
        Arguments.of(true, 90, 100, 100, 10, 0, p, null),
        Arguments.of(true, 41, 50, 50, 9, 0, p, null),
        Arguments.of(true, 40, 50, 50, 10, 0, p, "it would deactivate 10 of 50 active users, more than 10%"));
  }

  @ParameterizedTest
  @MethodSource("thresholds")
  void holdsExactlyWhenDesignMdSays(boolean full, long fetched, long users, long active, int deactivations, int groupDeletes,
      SafetyPolicy policy, String held) {
    assertThat(policy.check(full, fetched, users, active, deactivations, groupDeletes)).isEqualTo(held);
  }

  @Test
  void theFirstSyncIsNeverHeldAndAHoldIsReleasedByOneAllowedRun() {
    EngineFixture f = new EngineFixture(tmp);
    f.safety = new SafetyPolicy(2, 10);
    f.seed(30);
    assertThat(f.full().succeeded()).isTrue();
    f.newActions();
    for (int i = 0; i < 5; i++) {
      f.source.removeUser(user(i).id(), true);
    }
    String before = f.dump();

    RunReport held = f.full();
    assertThat(held.held()).isTrue();
    assertThat(held.newlyHeld()).isTrue();
    assertThat(f.dump()).isEqualTo(before);
    assertThat(f.store.stats("acme").held()).isTrue();
    RunReport again = f.full();
    assertThat(again.held()).isTrue();
    assertThat(again.newlyHeld()).as("the alarm is raised once").isFalse();

    assertThat(f.run(new RunOptions(true, false, true)).succeeded()).isTrue();
    assertThat(f.store.stats("acme").held()).isFalse();
    assertThat(f.newActions()).filteredOn(a -> a.get("type").asText().equals("user.deactivate")).hasSize(5);

    f.source.addMember("g-few", user(9).id(), MemberType.USER);
    assertThat(f.full().succeeded()).as("later runs are checked again, and pass").isTrue();
  }

  @Test
  void thePercentageIsOfTheSnapshotsActiveUsersEvenWhenManyNewUsersSortBetweenThem() {
    EngineFixture f = new EngineFixture(tmp);
    f.safety = new SafetyPolicy(1000, 10);
    for (int i = 100; i < 200; i++) {
      f.source.putUser(user(i));
    }
    assertThat(f.full().succeeded()).isTrue();
    for (int i = 189; i < 200; i++) {
      f.source.removeUser(user(i).id(), true);   // 11 of 100 active: more than 10 %
    }
    for (int i = 1000; i < 2000; i++) {
      f.source.putUser(user(i));                // ids u1000..u1999 sort among u100..u199
    }

    RunReport r = f.full();

    assertThat(r.held()).as(String.valueOf(r.record().message())).isTrue();
    assertThat(r.record().message()).contains("11 of 100 active users");
  }

  @Test
  void theMergeCountsOnlyPresentActiveSnapshotUsersAndDistinctFetchedOnes() {
    EngineFixture f = new EngineFixture(tmp);
    f.safety = new SafetyPolicy(1000, 10);
    for (int i = 100; i < 200; i++) {
      f.source.putUser(user(i));
    }
    assertThat(f.full().succeeded()).isTrue();
    for (int i = 100; i < 120; i++) {
      f.source.putUser(user(i).withActive(false));   // 20 disabled: in the snapshot, not active
    }
    for (int i = 120; i < 130; i++) {
      f.source.removeUser(user(i).id(), true);       // 10 gone: deleted in the snapshot
    }
    assertThat(f.full().succeeded()).as("30 deactivations of 100 active: allowed here by --allow-deletions")
        .isFalse();
    assertThat(f.run(new RunOptions(true, false, true)).succeeded()).isTrue();
    for (int i = 188; i < 198; i++) {
      f.source.removeUser(user(i).id(), true);       // 10 of the 70 still active: 14 %
    }

    RunReport r = f.full();

    assertThat(r.held()).as(String.valueOf(r.record().message())).isTrue();
    assertThat(r.record().message()).contains("10 of 70 active users");
  }
}
