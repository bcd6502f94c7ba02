package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleGroup;
import io.dirsync.emulator.google.GoogleUser;
import io.dirsync.emulator.google.RecordedRequest;
import io.dirsync.emulator.google.Resource;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classic Google client bugs of SPEC.md §D, each with a test that fails on the bug, through the
 * real client and the real JWT-bearer flow against the emulator's seeded domain.
 */
class GoogleListingTest {

  static final int SEEDED = 120;

  @TempDir
  Path dir;
  EmulatedGoogle google;
  GoogleEmulator emu;

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(SEEDED).groups(12).start();
    google = new EmulatedGoogle(emu, dir);
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private int expectedUsers() {
    return emu.userCount();
  }

  @Test
  void aShortPageIsNotTheEnd() throws Exception {
    emu.faults().pageSizeCap(20).raggedPages(true);
    Listed got = Listed.of(google.connector());
    assertThat(got.users).hasSize(expectedUsers());
    assertThat(emu.journal().requests(Resource.USERS)).hasSizeGreaterThan(2)
        .allSatisfy(r -> assertThat(r.param("maxResults")).isEqualTo("500"));
  }

  @Test
  void asksForTheLargestPagesTheApiAllows() throws Exception {
    Listed.of(google.connector());
    assertThat(emu.journal().requests(Resource.USERS)).extracting(r -> r.param("maxResults")).containsOnly("500");
    assertThat(emu.journal().requests(Resource.GROUPS)).extracting(r -> r.param("maxResults")).containsOnly("200");
    assertThat(emu.journal().requests(Resource.MEMBERS)).extracting(r -> r.param("maxResults")).containsOnly("200");
  }

  @Test
  void everyListingStartsAfreshWithoutAPageTokenOfAnEarlierRun() throws Exception {
    emu.faults().pageSizeCap(50);
    GoogleConnector connector = google.connector();
    Listed.of(connector);
    Listed.of(connector);
    List<RecordedRequest> users = emu.journal().requests(Resource.USERS);
    assertThat(users).filteredOn(r -> r.param("pageToken") == null).hasSize(2);
    assertThat(users.get(users.size() / 2).param("pageToken")).as("the second run's first page").isNull();
    assertThat(connector.listAll(new Listed()).cursor()).as("nothing to resume from").isNull();
  }

  @Test
  void aPageWithoutTheUsersKeyIsAnEmptyPageNotZeroUsersNorTheEnd() throws Exception {
    emu.faults().pageSizeCap(25).emptyPages(true);
    Listed got = Listed.of(google.connector());
    assertThat(got.users).hasSize(expectedUsers());
    assertThat(got.groups).hasSize(12);
    assertThat(got.result.complete()).isTrue();
  }

  @Test
  void suspendedAndArchivedUsersAreListedInactiveNotMissing() throws Exception {
    GoogleUser suspended = emu.user("ada.hopper@" + emu.domain()).orElseThrow();
    emu.suspendUser(suspended.id());
    GoogleUser archived = emu.archiveUser("grace.hopper@" + emu.domain());
    Listed got = Listed.of(google.connector());
    assertThat(got.users.get(suspended.id()).active()).isFalse();
    assertThat(got.users.get(archived.id()).active()).isFalse();
    assertThat(got.users).hasSize(expectedUsers());
    assertThat(got.users.values().stream().filter(u -> !u.active()).count()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void idsAreTheSources21DigitStringsUntouched() throws Exception {
    Listed got = Listed.of(google.connector());
    assertThat(got.users.keySet()).allSatisfy(id -> {
      assertThat(id).matches("\\d{21}");
      assertThat(new BigInteger(id)).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
      assertThat(emu.user(id)).isPresent();
    });
  }

  @Test
  void aRenameKeepsTheIdAndChangesTheUserName() throws Exception {
    GoogleUser before = emu.user("alan.hopper@" + emu.domain()).orElseThrow();
    emu.renameUser(before.id(), "a.hopper@" + emu.domain());
    Listed got = Listed.of(google.connector());
    assertThat(got.users.get(before.id()).userName()).isEqualTo("a.hopper@" + emu.domain());
    assertThat(got.users).hasSize(expectedUsers());
  }

  @Test
  void customerListsEveryDomainWhileDomainListsOne() throws Exception {
    Listed all = Listed.of(google.connector());
    Listed one = Listed.of(google.connector(google.config(b -> b.set(c -> c.domain = emu.domain())),
        NestedGroups.DIRECT));
    assertThat(all.users.values()).anyMatch(u -> u.userName().endsWith("@" + emu.secondaryDomain()));
    assertThat(one.users.values()).allMatch(u -> u.userName().endsWith("@" + emu.domain()));
    assertThat(emu.journal().requests(Resource.USERS)).extracting(r -> r.param("customer"))
        .contains("my_customer");
  }

  @Test
  void mapsStandardFieldsAsTheDesignTableSays() throws Exception {
    GoogleUser src = emu.user("edsger.lovelace@" + emu.domain()).orElseThrow();
    User u = Listed.of(google.connector()).users.get(src.id());
    assertThat(u.userName()).isEqualTo(src.primaryEmail());
    assertThat(u.email()).isEqualTo(src.primaryEmail());
    assertThat(u.givenName()).isEqualTo("Edsger");
    assertThat(u.familyName()).isEqualTo("Lovelace");
    assertThat(u.displayName()).isEqualTo("Edsger Lovelace");
    assertThat(u.department()).isEqualTo(src.department());
    assertThat(u.jobTitle()).isEqualTo(src.title());
    assertThat(u.employeeId()).isEqualTo(src.employeeId()).isNotNull();
    assertThat(u.active()).isTrue();
  }

  @Test
  void mapsConfiguredAttributesFromOrgUnitsSchemasExternalIdsAndRelations() throws Exception {
    GoogleUser src = emu.updateUser("ada.lovelace@" + emu.domain(),
        b -> b.customField("HR", "grade", 7).customField("HR", "ratio", 1.50));
    GoogleUser managed = emu.updateUser("donald.hopper@" + emu.domain(),
        b -> b.managerEmail(src.primaryEmail()).orgUnitPath("/Sales/EMEA"));
    var config = google.config(b -> b.set(c -> c.attributes = Map.of(
        "ou", "orgUnitPath",
        "costCenter", "customSchemas.HR.costCenter",
        "badges", "customSchemas.Badges.ids",
        "employeeNumber", "externalIds.organization",
        "manager", "relations.manager",
        "admin", "isAdmin",
        "grade", "customSchemas.HR.grade",
        "ratio", "customSchemas.HR.ratio")));
    Listed got = Listed.of(google.connector(config, NestedGroups.DIRECT));
    User ada = got.users.get(src.id());
    assertThat(ada.attributes()).containsEntry("ou", src.orgUnitPath())
        .containsEntry("costCenter", "CC-100")
        .containsEntry("badges", "B0,P0")
        .containsEntry("employeeNumber", "E010000")
        .containsEntry("admin", "false")
        .containsEntry("grade", "7")
        .containsEntry("ratio", "1.5")
        .doesNotContainKey("manager");
    User donald = got.users.get(managed.id());
    assertThat(donald.managerId()).isEqualTo(src.primaryEmail());
    assertThat(donald.attributes()).containsEntry("manager", src.primaryEmail()).containsEntry("ou", "/Sales/EMEA");
  }

  @Test
  void customProjectionAsksOnlyForTheMaskedSchemas() throws Exception {
    var config = google.config(b -> b.set(c -> {
      c.projection = "custom";
      c.mask = List.of("HR");
      c.attributes = Map.of("costCenter", "customSchemas.HR.costCenter");
    }));
    Listed got = Listed.of(google.connector(config, NestedGroups.DIRECT));
    assertThat(got.users.values()).filteredOn(u -> !u.userName().startsWith("admin@"))
        .allSatisfy(u -> assertThat(u.attributes()).containsKey("costCenter"));
    RecordedRequest r = emu.journal().requests(Resource.USERS).get(0);
    assertThat(r.param("projection")).isEqualTo("custom");
    assertThat(r.param("customFieldMask")).isEqualTo("HR");
  }

  @Test
  void directMembershipsKeepNestedGroupsAndDropCustomerAndNonDomainTypes() throws Exception {
    GoogleGroup team0 = emu.group("team-0000@" + emu.domain()).orElseThrow();
    GoogleGroup team3 = emu.group("team-0003@" + emu.domain()).orElseThrow();
    Listed got = Listed.of(google.connector());
    List<Membership> members = got.of(team0.id());
    assertThat(members).contains(new Membership(team0.id(), team3.id(), MemberType.GROUP));
    assertThat(members).noneMatch(m -> m.memberId().equals(emu.customerId()));
    assertThat(got.groups.get(team0.id()).email()).isEqualTo(team0.email());
  }

  @Test
  void flattenedMembershipsHoldTransitiveUsersOnlyEvenThroughACycle() throws Exception {
    GoogleGroup team1 = emu.group("team-0001@" + emu.domain()).orElseThrow();
    GoogleGroup team2 = emu.group("team-0002@" + emu.domain()).orElseThrow();
    Listed direct = Listed.of(google.connector());
    Listed flat = Listed.of(google.connector(google.config(), NestedGroups.FLATTEN));

    Set<String> directUsersOf2 = direct.of(team2.id()).stream().filter(m -> m.memberType() == MemberType.USER)
        .map(Membership::memberId).collect(Collectors.toSet());
    Set<String> flatOf1 = flat.of(team1.id()).stream().map(Membership::memberId).collect(Collectors.toSet());
    assertThat(flat.memberships).allMatch(m -> m.memberType() == MemberType.USER);
    assertThat(flatOf1).containsAll(directUsersOf2);
    assertThat(flat.of(team1.id())).doesNotHaveDuplicates();
    assertThat(emu.journal().requests(Resource.MEMBERS)).anyMatch(r -> "true".equals(r.param(
        "includeDerivedMembership")));
  }

  @Test
  void flattenedMembershipFollowsGooglesNestingPropagation(@TempDir Path other) throws Exception {
    var time = new GoogleThroughputTest.SimulatedTime(java.time.Instant.now());
    try (EmulatedGoogle g = new EmulatedGoogle(GoogleEmulator.builder().users(10).groups(2).clock(time).start(),
        other)) {
      g.emulator.faults().nestingLag(java.time.Duration.ofMinutes(10));
      GoogleGroup parent = g.emulator.createGroup("parent@" + g.emulator.domain(), "Parent", null);
      GoogleGroup child = g.emulator.group("team-0001@" + g.emulator.domain()).orElseThrow();
      g.emulator.addMember(parent.id(), child.id());

      Listed direct = Listed.of(g.connector());
      assertThat(direct.of(parent.id())).containsExactly(new Membership(parent.id(), child.id(), MemberType.GROUP));
      Listed early = Listed.of(g.connector(g.config(), NestedGroups.FLATTEN));
      assertThat(early.of(parent.id())).as("Google has not propagated the nesting yet").isEmpty();

      time.advance(java.time.Duration.ofMinutes(11));
      Listed later = Listed.of(g.connector(g.config(), NestedGroups.FLATTEN));
      assertThat(later.of(parent.id())).isNotEmpty().allMatch(m -> m.memberType() == MemberType.USER)
          .extracting(Membership::memberId).containsAll(later.of(child.id()).stream().map(Membership::memberId)
              .toList());
    }
  }

  @Test
  void externalMembersAreKeptByIdForTheEngineToDrop() throws Exception {
    GoogleGroup team0 = emu.group("team-0000@" + emu.domain()).orElseThrow();
    Listed got = Listed.of(google.connector());
    assertThat(got.of(team0.id())).anySatisfy(m -> {
      assertThat(m.memberType()).isEqualTo(MemberType.USER);
      assertThat(got.users).doesNotContainKey(m.memberId());
    });
  }

  @Test
  void scopesUsersByOrgUnitsAndQueryAndGroupsByList() throws Exception {
    var config = google.config(b -> b.set(c -> {
      c.orgUnits = List.of("/Engineering", "/Support");
      c.query = "isSuspended=false";
      c.groups = List.of("team-0004@" + emu.domain(), "team-0005@" + emu.domain());
    }));
    Listed got = Listed.of(google.connector(config, NestedGroups.DIRECT));
    assertThat(got.users).isNotEmpty();
    assertThat(got.users.values()).allSatisfy(u -> {
      GoogleUser src = emu.user(u.id()).orElseThrow();
      assertThat(src.orgUnitPath()).matches("/(Engineering|Support).*");
      assertThat(src.suspended()).isFalse();
    });
    assertThat(got.groups.values()).extracting(io.dirsync.core.model.Group::email)
        .containsExactlyInAnyOrder("team-0004@" + emu.domain(), "team-0005@" + emu.domain());
    assertThat(got.memberships).allMatch(m -> got.groups.containsKey(m.groupId()));
    assertThat(emu.journal().requests(Resource.USERS)).extracting(r -> r.param("query"))
        .containsExactlyInAnyOrder("orgUnitPath='/Engineering' isSuspended=false",
            "orgUnitPath='/Support' isSuspended=false");
  }

  @Test
  void aUserGoneFromTheListingIsSimplyNotListed() throws Exception {
    GoogleUser gone = emu.deleteUser("barbara.hopper@" + emu.domain());
    Listed got = Listed.of(google.connector());
    assertThat(got.users).doesNotContainKey(gone.id()).hasSize(expectedUsers());
  }

  @Test
  void aFixedContextClockDoesNotStallThePacing() throws Exception {
    var fixed = java.time.Clock.fixed(java.time.Instant.parse("2026-03-01T10:00:00Z"), java.time.ZoneOffset.UTC);
    var config = google.config(b -> b.set(c -> c.quotaPerMinute = 600_000));
    GoogleConnector connector = new GoogleConnectorFactory().create(config, EmulatedGoogle.context(NestedGroups.DIRECT,
        fixed));
    assertThat(Listed.of(connector).users).hasSize(expectedUsers());
  }

  @Test
  void theSinkIsCalledOneCallAtATimeFromTheListingAndItsUsersThreadOnly() throws Exception {
    Listed got = Listed.of(google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 6)),
        NestedGroups.DIRECT));
    assertThat(got.callers).contains(Thread.currentThread()).allSatisfy(t -> assertThat(t == Thread.currentThread()
        || t.getName().startsWith("dirsync-google-users-")).as(t.getName()).isTrue());
    assertThat(got.overlapping).as("never two calls at once").isZero();
  }

  @Test
  void usesTheRealJwtBearerFlowOnceAndSendsTheBearerToken() throws Exception {
    Listed.of(google.connector());
    List<RecordedRequest> tokens = emu.journal().requests(Resource.TOKEN);
    assertThat(tokens).hasSize(1).allSatisfy(t -> assertThat(t.status()).isEqualTo(200));
    assertThat(emu.journal().requests()).filteredOn(r -> r.resource() != Resource.TOKEN)
        .allSatisfy(r -> {
          assertThat(r.authorization()).startsWith("Bearer ");
          assertThat(r.subject()).isEqualTo(emu.adminEmail());
        });
  }

  @Test
  void aRevokedTokenIsRefreshedOnceAndTheListingSucceeds() throws Exception {
    GoogleConnector connector = google.connector();
    Listed.of(connector);
    emu.revokeTokens();
    Listed again = Listed.of(connector);
    assertThat(again.users).hasSize(expectedUsers());
    assertThat(emu.journal().requests(Resource.TOKEN)).hasSize(2);
  }
}
