package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.ListingResult;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Full listings through the Graph SDK against the emulator's seeded organisation. */
class AzureFullListingTest {

  private EmulatedAzure azure;
  private GraphEmulator emu;

  @BeforeEach
  void start() {
    azure = EmulatedAzure.start(GraphEmulator.builder().users(60).groups(6).listPageCap(25));
    emu = azure.emulator;
  }

  @AfterEach
  void stop() throws Exception {
    azure.close();
  }

  private Collected listAll(Connector connector) throws Exception {
    Collected sink = new Collected();
    ListingResult result = ((FullListing) connector).listAll(sink);
    assertThat(result.complete()).isTrue();
    return sink;
  }

  @Test
  void selectsEveryMappedFieldWithTop999AndReadsEveryPage() throws Exception {
    Collected got = listAll(azure.connector());
    assertThat(got.users).hasSize(60);
    assertThat(got.userPages).isEqualTo(3);
    List<GraphRequest> userLists = emu.journal().matching(r -> r.path().equals("/v1.0/users"));
    assertThat(userLists).hasSize(3);
    GraphRequest first = userLists.get(0);
    assertThat(first.query()).containsEntry("$top", "999");
    assertThat(first.query().get("$select").split(",")).contains("id", "userPrincipalName", "mail", "givenName",
        "surname", "displayName", "accountEnabled", "department", "jobTitle", "employeeId");
    assertThat(userLists.subList(1, 3)).allSatisfy(r -> assertThat(r.query()).containsKey("$skiptoken"));
  }

  @Test
  void disabledUsersAreInactiveAndFieldsFollowTheDesignTable() throws Exception {
    Collected got = listAll(azure.connector());
    assertThat(got.users.values()).filteredOn(u -> !u.active()).hasSize(6);
    for (String id : emu.userIds()) {
      Map<String, Object> p = emu.properties(id);
      User u = got.users.get(id);
      assertThat(u.userName()).isEqualTo(p.get("userPrincipalName"));
      assertThat(u.email()).as("mail, else the user principal name")
          .isEqualTo(p.get("mail") != null ? p.get("mail") : p.get("userPrincipalName"));
      assertThat(u.givenName()).isEqualTo(p.get("givenName"));
      assertThat(u.familyName()).isEqualTo(p.get("surname"));
      assertThat(u.department()).isEqualTo(p.get("department"));
      assertThat(u.employeeId()).isEqualTo(p.get("employeeId"));
      assertThat(u.active()).isEqualTo(p.get("accountEnabled"));
      assertThat(u.managerId()).as("manager id, read with $expand=manager").isEqualTo(p.get("manager"));
    }
    assertThat(got.users.values()).extracting(User::familyName).contains("Müller");
  }

  @Test
  void mapsCustomAttributesFromExtensionAttributesAndDirectoryExtensions() throws Exception {
    String ext = emu.extensionProperty("costCenter");
    Connector c = azure.create(azure.config(null, null, Map.of("costCenter",
        "onPremisesExtensionAttributes.extensionAttribute1", "finance", ext, "created", "createdDateTime")),
        azure.context(NestedGroups.DIRECT, emu.clock()));
    try (c) {
      Collected got = listAll(c);
      String id = emu.userIds().get(0);
      Map<String, Object> p = emu.properties(id);
      assertThat(got.users.get(id).attributes())
          .containsEntry("costCenter", (String) ((Map<?, ?>) p.get("onPremisesExtensionAttributes")).get("extensionAttribute1"))
          .containsEntry("finance", (String) p.get(ext))
          .containsEntry("created", (String) p.get("createdDateTime"));
      assertThat(emu.journal().matching(r -> r.path().equals("/v1.0/users")).get(0).query().get("$select"))
          .contains("onPremisesExtensionAttributes", ext);
    }
  }

  @Test
  void directMembershipsNameNestedGroupsAndIgnoreContactsAndDevices() throws Exception {
    Collected got = listAll(azure.connector());
    Set<String> memberIds = got.memberships.stream().map(Membership::memberId).collect(Collectors.toSet());
    assertThat(got.groups).hasSize(6);
    assertThat(got.memberships).filteredOn(m -> m.memberType() == MemberType.GROUP).isNotEmpty()
        .allSatisfy(m -> assertThat(got.groups).containsKey(m.memberId()));
    assertThat(got.memberships).filteredOn(m -> m.memberType() == MemberType.USER)
        .allSatisfy(m -> assertThat(got.users).containsKey(m.memberId()));
    assertThat(memberIds).as("contacts and devices are not members").allSatisfy(id ->
        assertThat(got.users.containsKey(id) || got.groups.containsKey(id)).isTrue());
    String all = emu.groupId("All Staff");
    assertThat(got.memberships).filteredOn(m -> m.groupId().equals(all)).hasSize(60);
  }

  @Test
  void flattenedMembershipsAreTransitiveUsersOnly() throws Exception {
    Connector c = azure.create(azure.config(), azure.context(NestedGroups.FLATTEN, emu.clock()));
    try (c) {
      assertThat(c).as("flattened memberships cannot be followed by delta").isNotInstanceOf(DeltaListing.class);
      Collected got = listAll(c);
      assertThat(got.memberships).allSatisfy(m -> assertThat(m.memberType()).isEqualTo(MemberType.USER));
      assertThat(emu.journal().matching(r -> r.path().endsWith("/transitiveMembers"))).isNotEmpty();
      Collected direct = listAll(azure.connector());
      String parent = direct.memberships.stream().filter(m -> m.memberType() == MemberType.GROUP).findFirst()
          .orElseThrow().groupId();
      assertThat(got.memberships.stream().filter(m -> m.groupId().equals(parent)).count())
          .isGreaterThan(direct.memberships.stream().filter(m -> m.groupId().equals(parent)
              && m.memberType() == MemberType.USER).count());
    }
  }

  @Test
  void aGroupsScopeListsOnlyThoseGroupsAndTheirUsers() throws Exception {
    String engineering = emu.groupIds().get(1);
    String name = (String) emu.properties(engineering).get("displayName");
    Connector c = azure.create(azure.config(null, List.of(name), Map.of()),
        azure.context(NestedGroups.DIRECT, emu.clock()));
    try (c) {
      Collected got = listAll(c);
      assertThat(got.groups).containsOnlyKeys(engineering);
      assertThat(got.users).isNotEmpty().hasSizeLessThan(60);
      assertThat(got.memberships).allSatisfy(m -> assertThat(m.groupId()).isEqualTo(engineering));
    }
  }

  @Test
  void aGroupsScopeMayNameGroupsById() throws Exception {
    String parent = emu.groupIds().get(1);
    Connector c = azure.create(azure.config(null, List.of(parent), Map.of()),
        azure.context(NestedGroups.DIRECT, emu.clock()));
    try (c) {
      Collected got = listAll(c);
      assertThat(got.groups).containsOnlyKeys(parent);
      assertThat(got.memberships).extracting(Membership::memberType).contains(MemberType.GROUP);
      Set<String> nestedUsers = got.users.keySet();
      assertThat(got.memberships).filteredOn(m -> m.memberType() == MemberType.USER)
          .allSatisfy(m -> assertThat(nestedUsers).contains(m.memberId()));
      assertThat(nestedUsers.size()).as("users of the nested group are in scope too")
          .isGreaterThan((int) got.memberships.stream().filter(m -> m.memberType() == MemberType.USER).count());
    }
  }

  @Test
  void aGroupsScopeNamingNoGroupIsMisconfigured() throws Exception {
    Connector c = azure.create(azure.config(null, List.of("No Such Group"), Map.of()),
        azure.context(NestedGroups.DIRECT, emu.clock()));
    try (c) {
      assertThatThrownBy(() -> listAll(c)).isInstanceOf(ConnectorException.class)
          .hasMessageContaining("groups[0]")
          .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.MISCONFIGURED);
    }
  }

  @Test
  void aUserFilterIsSentWithConsistencyLevelOnEveryPage() throws Exception {
    Connector c = azure.create(azure.config("accountEnabled ne false", null, Map.of()),
        azure.context(NestedGroups.DIRECT, emu.clock()));
    try (c) {
      Collected got = listAll(c);
      assertThat(got.users).hasSize(54);
      List<GraphRequest> pages = emu.journal().matching(r -> r.path().equals("/v1.0/users"));
      assertThat(pages).hasSize(3).allSatisfy(r ->
          assertThat(r.headers()).containsEntry("ConsistencyLevel", "eventual"));
    }
  }

  @Test
  void aPageWithoutValueFailsTheListing() throws Exception {
    emu.faults().dropValue("users", 1);
    assertThatThrownBy(() -> listAll(azure.connector())).isInstanceOf(ConnectorException.class)
        .hasMessageContaining("no value array")
        .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
  }

  @Test
  void aFailedMembersPageFailsTheListing() throws Exception {
    emu.faults().failPage("members", 0, 500);
    assertThatThrownBy(() -> listAll(azure.connector())).isInstanceOf(ConnectorException.class);
  }

  @Test
  void theSdkDoesNotRetryOnItsOwn() throws Exception {
    emu.faults().throttleNext(1, "1");
    assertThatThrownBy(() -> listAll(azure.connector())).isInstanceOf(ConnectorException.class)
        .extracting(e -> ((ConnectorException) e).kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
    assertThat(emu.journal().graphRequests()).as("one request, no retry by the SDK").hasSize(1);
  }

  @Test
  void connectionCheckGetsATokenAndReadsOnePage() throws Exception {
    String result = ((ConnectionCheck) azure.connector()).checkConnection();
    assertThat(result).contains("token ok");
    assertThat(emu.journal().graphRequests()).hasSize(1);
    assertThat(emu.journal().matching(GraphRequest::isToken)).isNotEmpty();
  }
}
