package io.dirsync.core.engine;

import static io.dirsync.core.engine.EngineFixture.types;
import static io.dirsync.core.engine.EngineFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.DeltaSink;
import io.dirsync.core.spi.Fields;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.ListingResult;
import io.dirsync.core.spi.MembershipChange;
import io.dirsync.core.spi.UserChange;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaSyncTest {

  @TempDir
  Path tmp;
  EngineFixture f;

  @BeforeEach
  void setUp() {
    f = new EngineFixture(tmp);
    f.seed(20);
    f.full();
    f.newActions();
  }

  @Test
  void aScheduledRunUsesTheSavedCursorAndReportsOnlyTheChanges() {
    f.source.putUser(user(21));
    f.source.addMember("g-few", user(21).id(), MemberType.USER);
    f.source.removeUser(user(3).id(), false);
    f.source.removeMember("g-few", user(1).id(), MemberType.USER);

    RunReport r = f.scheduled();

    assertThat(r.record().mode()).isEqualTo("delta");
    assertThat(types(f.newActions())).containsExactly("user.create u021", "membership.add g-few/u021",
        "membership.remove g-few/u001", "user.deactivate u003");
    assertThat(f.store.cursor("acme")).hasValueSatisfying(c -> assertThat(c.value()).isEqualTo("seq:" + f.source.seq()));
  }

  @Test
  void anExpiredCursorFallsBackToAFullListingWithoutSpuriousActions() {
    f.source.putUser(user(5).withActive(false));
    f.connector.expireCursors();

    RunReport r = f.scheduled();

    assertThat(r.record().mode()).isEqualTo("full");
    assertThat(r.succeeded()).isTrue();
    assertThat(types(f.newActions())).containsExactly("user.deactivate u005");
  }

  @Test
  void aRunWithoutChangesCommitsNoAction() {
    assertThat(f.scheduled().record().counts()).isEmpty();
    assertThat(f.newActions()).isEmpty();
  }

  @Test
  void partialEntriesKeepOmittedFieldsClearExplicitNullsAndFoldReplays() {
    User u = user(2);
    DeltaOnly delta = new DeltaOnly(f.store.cursor("acme").orElseThrow(), sink -> {
      // first page: the title changes and the department is cleared (sent as null); the name is omitted
      sink.userChanges(List.of(new UserChange.Upsert(
          new User(u.id(), null, null, null, null, null, true, null, "Engineer", null, null, Map.of()),
          Set.of(Fields.JOB_TITLE, Fields.DEPARTMENT), false)));
      // a replay of an older state of another user, then its newest: the last word wins
      sink.userChanges(List.of(UserChange.Upsert.complete(user(4).withActive(false)),
          UserChange.Upsert.complete(user(4))));
      // the same group on two pages with slices of its members
      sink.groupChanges(List.of(GroupChange.Upsert.complete(new Group("g-few", "few", "few@acme.example", "the first two"))));
      sink.membershipChanges(List.of(new MembershipChange(new Membership("g-few", user(7).id(), MemberType.USER), true)));
      sink.groupChanges(List.of(GroupChange.Upsert.complete(new Group("g-few", "few", "few@acme.example", "the first two"))));
      sink.membershipChanges(List.of(new MembershipChange(new Membership("g-few", user(8).id(), MemberType.USER), true),
          new MembershipChange(new Membership("g-few", user(0).id(), MemberType.USER), true)));
    });

    RunReport r = f.engine.run(EngineFixture.DIR, delta, f.safety, RunOptions.SCHEDULED);

    assertThat(r.succeeded()).as(r.record().message()).isTrue();
    var actions = f.newActions();
    assertThat(types(actions)).containsExactly("user.update u002", "membership.add g-few/u007", "membership.add g-few/u008");
    assertThat(actions.get(0).get("changes").toString())
        .isEqualTo("{\"department\":{\"from\":\"Dept\",\"to\":null},\"jobTitle\":{\"from\":\"Title\",\"to\":\"Engineer\"}}");
    assertThat(actions.get(0).get("object").get("displayName").asText()).isEqualTo("Given2 Family2");
  }

  @Test
  void aDeletedGroupLosesItsMembersThenIsDeleted() {
    f.source.removeGroup("g-few");
    f.scheduled();
    assertThat(types(f.newActions())).containsExactly("membership.remove g-few/u000", "membership.remove g-few/u001",
        "group.delete g-few");
    assertThat(f.store.stats("acme").memberships()).isEqualTo(20);
  }

  /** A connector that only lists changes, replaying a scripted round. */
  private record DeltaOnly(Cursor expected, Script script) implements DeltaListing, FullListing {
    interface Script {
      void play(DeltaSink sink) throws InterruptedException;
    }

    @Override
    public Cursor listChanges(Cursor since, DeltaSink sink) throws InterruptedException {
      assertThat(since).isEqualTo(expected);
      script.play(sink);
      return new Cursor("next", Instant.EPOCH);
    }

    @Override
    public ListingResult listAll(FullListingSink sink) {
      throw new AssertionError("a valid cursor must not fall back to a full listing");
    }
  }

}
