package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.Fields;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.MembershipChange;
import io.dirsync.core.spi.UserChange;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphFaults.DeltaExpiry;
import io.dirsync.emulator.graph.GraphRequest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Delta rounds through the SDK, one test per classic Graph client bug of SPEC.md §D (the number
 * in each name): each would fail if the connector had that bug.
 */
class AzureDeltaScenariosTest {

  private EmulatedAzure azure;
  private GraphEmulator emu;

  @BeforeEach
  void start() {
    azure = EmulatedAzure.start(GraphEmulator.builder().users(20).groups(4).deltaPageSize(3)
        .membersPerDeltaEntry(4).replayDelta(true).emptyFirstDeltaPage(true));
    emu = azure.emulator;
  }

  @AfterEach
  void stop() throws Exception {
    azure.close();
  }

  private Cursor fullListing() throws Exception {
    return ((FullListing) azure.connector()).listAll(new Collected()).cursor();
  }

  private Collected delta(Cursor cursor) throws Exception {
    Collected sink = new Collected();
    Cursor next = ((DeltaListing) azure.connector()).listChanges(cursor, sink);
    assertThat(next).isNotNull();
    sink.userPages = 0;
    lastCursor = next;
    return sink;
  }

  private Cursor lastCursor;

  private static UserChange.Upsert upsert(Collected c, String id) {
    return c.userChanges.stream().filter(u -> u.id().equals(id) && u instanceof UserChange.Upsert)
        .map(UserChange.Upsert.class::cast).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no upsert " + id));
  }

  @Test
  void d1_theCursorComesOnlyFromADrainedRoundAndAFailedRoundCanBeRepeated() throws Exception {
    Cursor cursor = fullListing();
    List<String> ids = emu.userIds().subList(0, 7);
    ids.forEach(id -> emu.updateUser(id, Map.of("jobTitle", "Changed")));
    emu.faults().failPage("users/delta", 1, 500);

    assertThatThrownBy(() -> ((DeltaListing) azure.connector()).listChanges(cursor, new Collected()))
        .isInstanceOf(ConnectorException.class)
        .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(Kind.TRANSIENT);

    emu.faults().clear();
    Collected again = delta(cursor);
    assertThat(again.userChanges).extracting(UserChange::id).containsAll(ids);
  }

  @Test
  void d2_nextAndDeltaLinksAreFollowedVerbatim() throws Exception {
    Cursor cursor = fullListing();
    emu.userIds().subList(0, 8).forEach(id -> emu.updateUser(id, Map.of("department", "Moved")));
    emu.journal().clear();
    delta(cursor);
    List<GraphRequest> deltas = emu.journal().matching(GraphRequest::isDelta);
    assertThat(deltas).hasSizeGreaterThan(3);
    assertThat(deltas).allSatisfy(r -> {
      assertThat(r.query().keySet()).as("no option re-added to %s", r.rawQuery()).hasSize(1);
      assertThat(r.query().keySet()).containsAnyOf("$skiptoken", "$deltatoken");
      assertThat(r.status()).isEqualTo(200);
    });
    assertThat(deltas).allSatisfy(r -> assertThat(r.query()).doesNotContainKey("$top"));
  }

  @Test
  void d3_anOmittedPropertyIsUnchangedAndAnExplicitNullClearsIt() throws Exception {
    Cursor cursor = fullListing();
    String neverHadDepartment = emu.userIds().get(6);
    assertThat(emu.properties(neverHadDepartment)).doesNotContainKey("department");
    String cleared = emu.userIds().get(1);
    emu.updateUser(neverHadDepartment, Map.of("jobTitle", "New Title"));
    Map<String, Object> clear = new HashMap<>();
    clear.put("jobTitle", null);
    emu.updateUser(cleared, clear);

    Collected got = delta(cursor);
    UserChange.Upsert a = upsert(got, neverHadDepartment);
    assertThat(a.fields()).contains(Fields.JOB_TITLE, Fields.USER_NAME).doesNotContain(Fields.DEPARTMENT);
    assertThat(a.user().jobTitle()).isEqualTo("New Title");
    UserChange.Upsert b = upsert(got, cleared);
    assertThat(b.fields()).contains(Fields.JOB_TITLE);
    assertThat(b.user().jobTitle()).isNull();
    assertThat(b.complete()).isFalse();
  }

  @Test
  void d4_softDeleteRestoreAndHardDeleteAreTold() throws Exception {
    Cursor cursor = fullListing();
    String soft = emu.userIds().get(2);
    String hard = emu.userIds().get(3);
    emu.softDeleteUser(soft);
    emu.hardDeleteUser(hard);
    Collected first = delta(cursor);
    assertThat(first.userChanges).contains(new UserChange.Removed(soft, false), new UserChange.Removed(hard, true));

    emu.restoreUser(soft);
    Collected second = delta(lastCursor);
    assertThat(upsert(second, soft).user().userName()).isNotBlank();
    assertThat(second.userChanges).noneMatch(c -> c instanceof UserChange.Removed);

    emu.softDeleteUser(soft);
    emu.hardDeleteUser(soft);
    assertThat(delta(lastCursor).userChanges).contains(new UserChange.Removed(soft, true));
  }

  @Test
  void d5_aLargeGroupRepeatedAcrossPagesContributesEverySlice() throws Exception {
    Cursor cursor = fullListing();
    String group = emu.groupIds().get(3);
    List<String> joiners = new java.util.ArrayList<>();
    for (int i = 0; i < 11; i++) {
      String id = emu.addUser("joiner" + i + "@contoso.example", "Join", "Er" + i);
      emu.addMember(group, id);
      joiners.add(id);
    }
    emu.journal().clear();
    Collected got = delta(cursor);
    assertThat(got.groupChanges).filteredOn(g -> g.id().equals(group)).as("the group is repeated").hasSizeGreaterThan(2);
    assertThat(got.membershipChanges).filteredOn(MembershipChange::added)
        .extracting(m -> m.membership().memberId()).containsAll(joiners);
    assertThat(emu.journal().matching(r -> r.resource().startsWith("groups/delta"))).hasSizeGreaterThan(1);
  }

  @Test
  void d5_incrementalMembersDeltaIsADiffNotTheFullList() throws Exception {
    Cursor cursor = fullListing();
    String all = emu.groupId("All Staff");
    String leaver = emu.userIds().get(0);
    emu.removeMember(all, leaver);
    Collected got = delta(cursor);
    assertThat(got.membershipChanges).filteredOn(m -> m.membership().groupId().equals(all))
        .as("only the removal (replays may repeat it), not the other members")
        .containsOnly(new MembershipChange(new Membership(all, leaver, MemberType.USER), false));
  }

  @Test
  void d6_membersThatAreNotUsersAreTypedOrIgnored() throws Exception {
    Cursor cursor = fullListing();
    String parent = emu.groupIds().get(0);
    String child = emu.groupIds().get(2);
    emu.addMember(parent, child);
    emu.addMember(parent, emu.addDirectoryObject("orgContact", "Vendor"));
    emu.addMember(parent, emu.addDirectoryObject("servicePrincipal", "App"));
    Collected got = delta(cursor);
    assertThat(got.membershipChanges).filteredOn(m -> m.membership().groupId().equals(parent))
        .containsOnly(new MembershipChange(new Membership(parent, child, MemberType.GROUP), true));
  }

  @ParameterizedTest
  @EnumSource(DeltaExpiry.class)
  void d7_everyFormOfExpiryOrResetIsCursorExpired(DeltaExpiry mode) throws Exception {
    Cursor cursor = fullListing();
    emu.faults().deltaExpiry(mode);
    emu.faults().expireAllDeltaTokens(true);
    assertThatThrownBy(() -> delta(cursor)).isInstanceOf(ConnectorException.class)
        .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(Kind.CURSOR_EXPIRED);
  }

  @Test
  void d7_aSynchronizationResetWithLocationIsCursorExpired() throws Exception {
    Cursor cursor = fullListing();
    emu.faults().resetSyncStateOnce();
    assertThatThrownBy(() -> delta(cursor)).extracting(e -> ((ConnectorException) e).kind())
        .isEqualTo(Kind.CURSOR_EXPIRED);
  }

  @Test
  void d7_aCursorOlderThanSevenDaysIsRefusedWithoutAsking() throws Exception {
    Cursor cursor = fullListing();
    emu.clock().advance(Duration.ofDays(7).plusMinutes(1));
    emu.journal().clear();
    assertThatThrownBy(() -> delta(cursor)).extracting(e -> ((ConnectorException) e).kind())
        .isEqualTo(Kind.CURSOR_EXPIRED);
    assertThat(emu.journal().all()).isEmpty();
  }

  @Test
  void d7_aCursorThatIsNotOursIsCursorExpired() throws Exception {
    Cursor foreign = new Cursor("https://example.invalid/delta", emu.clock().instant());
    assertThatThrownBy(() -> delta(foreign)).extracting(e -> ((ConnectorException) e).kind())
        .isEqualTo(Kind.CURSOR_EXPIRED);
  }

  @Test
  void d7_aCursorFromAnotherGraphEndpointIsNeitherFollowedNorSentTheToken() throws Exception {
    Cursor elsewhere = new Cursor("graph-delta-v1\nhttps://127.0.0.1:1/v1.0/users/delta?$deltatoken=x\n"
        + "https://127.0.0.1:1/v1.0/groups/delta?$deltatoken=y", emu.clock().instant());
    assertThatThrownBy(() -> delta(elsewhere)).extracting(e -> ((ConnectorException) e).kind())
        .isEqualTo(Kind.CURSOR_EXPIRED);
  }

  @Test
  void d8_disablingAndEnablingAreSeenBecauseAccountEnabledIsSelected() throws Exception {
    Cursor cursor = fullListing();
    String id = emu.userIds().get(0);
    emu.disableUser(id);
    UserChange.Upsert disabled = upsert(delta(cursor), id);
    assertThat(disabled.fields()).contains(Fields.ACTIVE);
    assertThat(disabled.user().active()).isFalse();
    emu.enableUser(id);
    assertThat(upsert(delta(lastCursor), id).user().active()).isTrue();
  }

  @Test
  void d9_anEmptyPageWithANextLinkIsNotTheEnd() throws Exception {
    Cursor cursor = fullListing();
    String id = emu.userIds().get(11);
    emu.updateUser(id, Map.of("jobTitle", "After the empty page"));
    emu.journal().clear();
    assertThat(upsert(delta(cursor), id).user().jobTitle()).isEqualTo("After the empty page");
    assertThat(emu.journal().matching(r -> r.resource().startsWith("users/delta"))).hasSize(2);
  }

  @Test
  void d13_noChangesMeansAnEmptyRoundAndANewCursor() throws Exception {
    Cursor cursor = fullListing();
    Collected got = delta(cursor);
    assertThat(got.userChanges).isEmpty();
    assertThat(got.groupChanges).isEmpty();
    assertThat(lastCursor.value()).isNotEqualTo(cursor.value());
  }

  @Test
  void changesDuringTheFullListingAreInTheNextRound() throws Exception {
    Cursor cursor = fullListing();
    // The listing asked for its delta starting point before reading users: a change made after
    // that point and before the listing read the user shows up again in the next round (a replay).
    String id = emu.userIds().get(5);
    emu.renameUser(id, "renamed@contoso.example");
    assertThat(upsert(delta(cursor), id).user().userName()).isEqualTo("renamed@contoso.example");
  }

  @Test
  void groupRenamesAndDeletesAreTold() throws Exception {
    Cursor cursor = fullListing();
    String renamed = emu.groupIds().get(1);
    String security = emu.createGroup("Temporary", "temp@contoso.example");
    String unified = emu.createGroup("M365", Map.of("groupTypes", List.of("Unified"), "mail", "m365@contoso.example"));
    Collected created = delta(cursor);
    assertThat(created.groupChanges).extracting(GroupChange::id).contains(security, unified);

    emu.updateGroup(renamed, Map.of("displayName", "Renamed Group"));
    emu.deleteGroup(security);
    emu.deleteGroup(unified);
    Collected got = delta(lastCursor);
    GroupChange.Upsert r = got.groupChanges.stream().filter(g -> g.id().equals(renamed))
        .map(GroupChange.Upsert.class::cast).findFirst().orElseThrow();
    assertThat(r.fields()).contains(Fields.NAME);
    assertThat(r.group().name()).isEqualTo("Renamed Group");
    assertThat(got.groupChanges).contains(new GroupChange.Removed(security, true), new GroupChange.Removed(unified, false));
  }

  @Test
  void aDeltaPageWithoutValueFailsTheRound() throws Exception {
    Cursor cursor = fullListing();
    emu.faults().dropValue("groups/delta", 0);
    assertThatThrownBy(() -> delta(cursor)).isInstanceOf(ConnectorException.class)
        .hasMessageContaining("no value array");
  }

  @Test
  void managerChangesArriveAsManagerDelta() throws Exception {
    Cursor cursor = fullListing();
    String report = emu.userIds().get(7);
    String boss = emu.userIds().get(0);
    emu.setManager(report, boss);
    UserChange.Upsert changed = upsert(delta(cursor), report);
    assertThat(changed.fields()).contains(Fields.MANAGER_ID);
    assertThat(changed.user().managerId()).isEqualTo(boss);

    emu.setManager(report, null);
    UserChange.Upsert cleared = upsert(delta(lastCursor), report);
    assertThat(cleared.fields()).contains(Fields.MANAGER_ID);
    assertThat(cleared.user().managerId()).isNull();

    emu.updateUser(emu.userIds().get(9), Map.of("jobTitle", "Other change"));
    assertThat(upsert(delta(lastCursor), emu.userIds().get(9)).user().managerId())
        .as("a user whose manager did not change still reports it in default mode")
        .isEqualTo(emu.properties(emu.userIds().get(9)).get("manager"));
  }

  @Test
  void d13_aChangeThatHasNotReplicatedYetComesInALaterRound() throws Exception {
    try (EmulatedAzure slow = EmulatedAzure.start(GraphEmulator.builder().users(5).groups(1)
        .replicationDelay(Duration.ofSeconds(30)))) {
      slow.emulator.clock().advance(Duration.ofSeconds(31));
      Cursor cursor = ((FullListing) slow.connector()).listAll(new Collected()).cursor();
      String id = slow.emulator.userIds().get(0);
      slow.emulator.updateUser(id, Map.of("jobTitle", "Replicated Late"));

      Collected first = new Collected();
      Cursor next = ((DeltaListing) slow.connector()).listChanges(cursor, first);
      assertThat(first.userChanges).isEmpty();

      slow.emulator.clock().advance(Duration.ofSeconds(31));
      Collected second = new Collected();
      ((DeltaListing) slow.connector()).listChanges(next, second);
      assertThat(upsert(second, id).user().jobTitle()).isEqualTo("Replicated Late");
    }
  }
}
