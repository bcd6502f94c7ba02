package io.dirsync.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The delta change log: a round holds exactly the changes since its token, in Graph's representation. */
class GraphDeltaEmulatorTest {

  private GraphEmulator emu;
  private GraphTestClient client;

  private void start(GraphEmulatorBuilder b) {
    emu = b.start();
    client = new GraphTestClient(emu);
  }

  @AfterEach
  void stop() {
    if (emu != null) {
      emu.close();
    }
  }

  /** All entries of a round and the pages it took; the last page's deltaLink is in {@code deltaLink}. */
  private record Round(List<JsonNode> entries, List<JsonNode> pages, String deltaLink) {
  }

  private Round round(String first, String... headers) throws Exception {
    List<JsonNode> entries = new ArrayList<>();
    List<JsonNode> pages = new ArrayList<>();
    GraphTestClient.Response r = client.get(first, headers);
    while (true) {
      assertThat(r.status()).as("status of %s", first).isEqualTo(200);
      JsonNode page = r.body();
      pages.add(page);
      page.get("value").forEach(entries::add);
      assertThat(page.has("@odata.nextLink") ^ page.has("@odata.deltaLink"))
          .as("exactly one of nextLink and deltaLink").isTrue();
      if (page.has("@odata.deltaLink")) {
        return new Round(entries, pages, page.get("@odata.deltaLink").asText());
      }
      r = client.get(page.get("@odata.nextLink").asText(), headers);
    }
  }

  private static JsonNode entry(Round round, String id) {
    return round.entries().stream().filter(e -> e.path("id").asText().equals(id)).findFirst().orElse(null);
  }

  @Test
  void initialRoundIsASnapshotAndLaterRoundsHoldExactlyTheChanges() throws Exception {
    start(GraphEmulator.builder().users(25).groups(3).deltaPageSize(7));
    Round initial = round("/users/delta?$select=userPrincipalName,accountEnabled,department,jobTitle");
    assertThat(initial.entries()).hasSize(25);
    assertThat(initial.pages()).hasSize(4);

    String changed = emu.userIds().get(2);
    String cleared = emu.userIds().get(3);
    String disabled = emu.userIds().get(4);
    String soft = emu.userIds().get(5);
    String hard = emu.userIds().get(6);
    emu.updateUser(changed, Map.of("jobTitle", "Chief"));
    Map<String, Object> clear = new HashMap<>();
    clear.put("jobTitle", null);
    emu.updateUser(cleared, clear);
    emu.disableUser(disabled);
    emu.softDeleteUser(soft);
    emu.hardDeleteUser(hard);
    emu.updateUser(emu.userIds().get(7), Map.of("officeLocation", "not selected: no entry"));
    String hired = emu.addUser("hire@contoso.example", "New", "Hire");

    Round next = round(initial.deltaLink());
    assertThat(next.entries()).extracting(e -> e.get("id").asText())
        .containsExactlyInAnyOrder(changed, cleared, disabled, soft, hard, hired);
    assertThat(entry(next, changed).get("jobTitle").asText()).isEqualTo("Chief");
    assertThat(entry(next, cleared).has("jobTitle")).isTrue();
    assertThat(entry(next, cleared).get("jobTitle").isNull()).as("a cleared property is an explicit null").isTrue();
    assertThat(entry(next, disabled).get("accountEnabled").asBoolean()).isFalse();
    assertThat(entry(next, soft).at("/@removed/reason").asText()).isEqualTo("changed");
    assertThat(entry(next, hard).at("/@removed/reason").asText()).isEqualTo("deleted");
    assertThat(entry(next, hired).has("department")).as("a never-set property is omitted").isFalse();

    emu.restoreUser(soft);
    Round restored = round(next.deltaLink());
    assertThat(restored.entries()).hasSize(1);
    assertThat(entry(restored, soft).has("@removed")).as("a restore carries no annotation").isFalse();
    assertThat(entry(restored, soft).get("userPrincipalName").asText()).isNotBlank();

    assertThat(round(restored.deltaLink()).entries()).isEmpty();
  }

  @Test
  void changesMadeWhileARoundIsPagedGoToTheNextRound() throws Exception {
    start(GraphEmulator.builder().users(10).groups(0).deltaPageSize(3));
    JsonNode first = client.get("/users/delta?$select=displayName").body();
    emu.updateUser(emu.userIds().get(9), Map.of("displayName", "Changed Mid-Round"));
    JsonNode page = first;
    while (page.has("@odata.nextLink")) {
      page = client.get(page.get("@odata.nextLink").asText()).body();
    }
    Round next = round(page.get("@odata.deltaLink").asText());
    assertThat(next.entries()).extracting(e -> e.get("displayName").asText()).containsExactly("Changed Mid-Round");
  }

  @Test
  void preferReturnMinimalSendsOnlyChangedProperties() throws Exception {
    start(GraphEmulator.builder().users(5).groups(0));
    Round initial = round("/users/delta?$select=displayName,jobTitle,department");
    String id = emu.userIds().get(0);
    emu.updateUser(id, Map.of("jobTitle", "Product Marketing Manager"));
    Round next = round(initial.deltaLink(), "Prefer", "return=minimal");
    assertThat(Shapes.keys(entry(next, id))).containsExactlyInAnyOrder("id", "jobTitle");
  }

  @Test
  void linksKeepThePathFormTheClientUsed() throws Exception {
    start(GraphEmulator.builder().users(5).groups(0).deltaPageSize(2));
    JsonNode page = client.get("/users/delta()?$select=displayName").body();
    assertThat(page.get("@odata.nextLink").asText()).startsWith(emu.graphUrl() + "/users/delta()?$skiptoken=");
    JsonNode longForm = client.get("/users/microsoft.graph.delta?$select=displayName").body();
    assertThat(longForm.get("@odata.nextLink").asText())
        .startsWith(emu.graphUrl() + "/users/microsoft.graph.delta?$skiptoken=");
  }

  @Test
  void rebuiltLinksAreRefused() throws Exception {
    start(GraphEmulator.builder().users(5).groups(0).deltaPageSize(2));
    String next = client.get("/users/delta?$select=displayName").body().get("@odata.nextLink").asText();
    GraphTestClient.Response r = client.get(next + "&$select=displayName");
    assertThat(r.status()).isEqualTo(400);
    assertThat(client.get(next.replace("/users/delta", "/groups/delta")).status()).isEqualTo(400);
  }

  @Test
  void deltaTokenLatestStartsFromNow() throws Exception {
    start(GraphEmulator.builder().users(5).groups(0));
    JsonNode latest = client.get("/users/delta?$select=displayName&$deltatoken=latest").body();
    assertThat(latest.get("value")).isEmpty();
    assertThat(latest.has("@odata.deltaLink")).isTrue();
    String id = emu.addUser("later@contoso.example", "Later", "User");
    assertThat(round(latest.get("@odata.deltaLink").asText()).entries()).extracting(e -> e.get("id").asText())
        .containsExactly(id);
  }

  @Test
  void membersDeltaIsTheFullListFirstThenAddsAndRemovalsAndSplitsLargeGroups() throws Exception {
    start(GraphEmulator.builder().users(40).groups(2).nestedGroups(false).deltaPageSize(2).membersPerDeltaEntry(15)
        .shuffleDelta(false));
    String all = emu.groupId("All Staff");
    Round initial = round("/groups/delta?$select=displayName,members");
    List<JsonNode> slices = initial.entries().stream().filter(e -> e.get("id").asText().equals(all)).toList();
    assertThat(slices).as("a group of 40 in slices of 15 is repeated").hasSize(3);
    assertThat(slices).allSatisfy(s -> assertThat(s.get("displayName").asText()).isEqualTo("All Staff"));
    assertThat(slices.stream().mapToInt(s -> s.get("members@delta").size()).sum()).isEqualTo(40);
    assertThat(initial.pages().size()).isGreaterThan(1);

    String leaver = emu.userIds().get(0);
    String joiner = emu.addUser("joiner@contoso.example", "Join", "Er");
    emu.removeMember(all, leaver);
    emu.addMember(all, joiner);
    Round next = round(initial.deltaLink());
    JsonNode members = entry(next, all).get("members@delta");
    assertThat(members).hasSize(2);
    assertThat(members).anySatisfy(m -> {
      assertThat(m.get("id").asText()).isEqualTo(leaver);
      assertThat(m.at("/@removed/reason").asText()).isEqualTo("deleted");
    });
    assertThat(members).anySatisfy(m -> {
      assertThat(m.get("id").asText()).isEqualTo(joiner);
      assertThat(m.has("@removed")).isFalse();
    });
  }

  @Test
  void softDeletedUsersKeepMembershipsUntilHardDeleted() throws Exception {
    start(GraphEmulator.builder().users(5).groups(1).shuffleDelta(false));
    String all = emu.groupId("All Staff");
    Round initial = round("/groups/delta?$select=displayName,members");
    String user = emu.userIds().get(1);
    emu.softDeleteUser(user);
    Round soft = round(initial.deltaLink());
    assertThat(soft.entries()).isEmpty();
    emu.hardDeleteUser(user);
    Round hard = round(soft.deltaLink());
    assertThat(entry(hard, all).at("/members@delta/0/@removed/reason").asText()).isEqualTo("deleted");
  }

  @Test
  void expiryModesAnswerAsConfigured() throws Exception {
    start(GraphEmulator.builder().users(3).groups(0));
    String link = round("/users/delta?$select=displayName").deltaLink();
    emu.faults().resetSyncStateOnce();
    GraphTestClient.Response reset = client.get(link);
    assertThat(reset.status()).isEqualTo(410);
    assertThat(reset.headers().firstValue("Location").orElseThrow())
        .isEqualTo(emu.graphUrl() + "/users/delta?$select=displayName&$deltatoken=");
    assertThat(round(reset.headers().firstValue("Location").orElseThrow()).entries()).hasSize(3);

    emu.faults().expireAllDeltaTokens(true);
    emu.faults().deltaExpiry(GraphFaults.DeltaExpiry.RESYNC_REQUIRED);
    GraphTestClient.Response resync = client.get(link);
    assertThat(resync.status()).isEqualTo(410);
    assertThat(resync.body().at("/error/code").asText()).isEqualTo("resyncRequired");
  }

  @Test
  void tokensNeverExpireWhenConfiguredSo() throws Exception {
    start(GraphEmulator.builder().users(3).groups(0).deltaTokenLifetime(null));
    String link = round("/users/delta?$select=displayName").deltaLink();
    emu.clock().advance(Duration.ofDays(30));
    client.forgetToken();
    assertThat(client.get(link).status()).isEqualTo(200);
  }

  @Test
  void faultsFailOrTruncateAGivenPage() throws Exception {
    start(GraphEmulator.builder().users(9).groups(0).deltaPageSize(3));
    emu.faults().failPage("users/delta", 1, 503);
    JsonNode first = client.get("/users/delta").body();
    assertThat(client.get(first.get("@odata.nextLink").asText()).status()).isEqualTo(503);
    emu.faults().clear();
    assertThat(client.get(first.get("@odata.nextLink").asText()).status()).isEqualTo(200);
    emu.faults().dropValue("users/delta", 1);
    assertThat(client.get(first.get("@odata.nextLink").asText()).body().has("value")).isFalse();
  }

  @Test
  void managerIsExpandedInListsAndTrackedAsManagerDeltaInRounds() throws Exception {
    start(GraphEmulator.builder().users(6).groups(0));
    String boss = emu.userIds().get(0);
    String report = emu.userIds().get(1);
    JsonNode listed = client.get("/users?$select=id&$expand=manager($select=id)").body();
    assertThat(listed.get("value").get(1).at("/manager/id").asText()).isEqualTo(boss);
    assertThat(listed.get("value").get(0).has("manager")).as("no manager, no key").isFalse();

    Round initial = round("/users/delta?$select=displayName,manager");
    assertThat(entry(initial, report).at("/manager@delta/0/id").asText()).isEqualTo(boss);
    String newBoss = emu.userIds().get(2);
    emu.setManager(report, newBoss);
    Round changed = round(initial.deltaLink());
    assertThat(entry(changed, report).at("/manager@delta/0/id").asText()).isEqualTo(newBoss);
    emu.setManager(report, null);
    Round cleared = round(changed.deltaLink());
    assertThat(entry(cleared, report).at("/manager@delta/0/id").asText()).isEqualTo(newBoss);
    assertThat(entry(cleared, report).at("/manager@delta/0/@removed/reason").asText()).isEqualTo("deleted");
  }

  @Test
  void aRoundMayStartWithAnEmptyPageThatIsNotTheLast() throws Exception {
    start(GraphEmulator.builder().users(4).groups(0).emptyFirstDeltaPage(true));
    JsonNode first = client.get("/users/delta?$select=displayName").body();
    assertThat(first.get("value")).isEmpty();
    assertThat(first.has("@odata.nextLink")).isTrue();
    assertThat(round("/users/delta?$select=displayName").entries()).hasSize(4);
  }

  @Test
  void aReplicationDelayHoldsChangesBackFromListsAndRounds() throws Exception {
    start(GraphEmulator.builder().users(3).groups(0).replicationDelay(Duration.ofSeconds(60)));
    emu.clock().advance(Duration.ofSeconds(61));
    Round initial = round("/users/delta?$select=displayName");
    assertThat(initial.entries()).hasSize(3);

    String hire = emu.addUser("late@contoso.example", "Late", "Replica");
    assertThat(client.get("/users?$select=id").body().get("value")).hasSize(3);
    Round tooSoon = round(initial.deltaLink());
    assertThat(tooSoon.entries()).isEmpty();

    emu.clock().advance(Duration.ofSeconds(61));
    assertThat(client.get("/users?$select=id").body().get("value")).hasSize(4);
    assertThat(round(tooSoon.deltaLink()).entries()).extracting(e -> e.get("id").asText()).containsExactly(hire);
  }
}
