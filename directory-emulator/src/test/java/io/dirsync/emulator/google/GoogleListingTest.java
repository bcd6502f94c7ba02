package io.dirsync.emulator.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleListingTest {

  @TempDir
  Path dir;
  SettableClock clock = new SettableClock(Instant.now());
  GoogleEmulator emu;
  EmulatorHttp http;
  String token;

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(60).groups(12).clock(clock).start();
    http = new EmulatorHttp(emu, dir);
    token = http.accessToken();
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  /** Pages of a listing, each page's JSON, following nextPageToken to its absence. */
  private List<JsonNode> pages(String resource, Map<String, String> params) throws Exception {
    List<JsonNode> pages = new ArrayList<>();
    Map<String, String> p = new HashMap<>(params);
    while (true) {
      EmulatorHttp.Reply r = http.get(resource, p, token);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      pages.add(r.json());
      if (!r.json().has("nextPageToken")) {
        return pages;
      }
      p.put("pageToken", r.json().get("nextPageToken").asText());
    }
  }

  private static List<String> all(List<JsonNode> pages, String key, String field) {
    List<String> out = new ArrayList<>();
    pages.forEach(p -> p.path(key).forEach(n -> out.add(n.path(field).asText(null))));
    return out;
  }

  @Test
  void listsEveryUserOnceInCaseInsensitiveEmailOrder() throws Exception {
    List<JsonNode> pages = pages("users", Map.of("customer", "my_customer", "maxResults", "7"));
    List<String> emails = all(pages, "users", "primaryEmail");
    assertThat(emails).hasSize(61).doesNotHaveDuplicates();
    assertThat(emails).isSortedAccordingTo((a, b) -> a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT)));
    assertThat(pages).hasSize(9);
    assertThat(pages.get(0).get("kind").asText()).isEqualTo("admin#directory#users");
  }

  @Test
  void idsAre21DigitStrings() throws Exception {
    List<JsonNode> pages = pages("users", Map.of("customer", "my_customer", "maxResults", "500"));
    pages.get(0).get("users").forEach(u -> {
      assertThat(u.get("id").isTextual()).isTrue();
      assertThat(u.get("id").asText()).matches("1\\d{20}");
    });
  }

  @Test
  void listsSuspendedAndArchivedUsers() throws Exception {
    List<JsonNode> users = new ArrayList<>();
    pages("users", Map.of("customer", "my_customer", "maxResults", "500")).forEach(p -> p.get("users").forEach(users::add));
    assertThat(users).anySatisfy(u -> {
      assertThat(u.get("suspended").asBoolean()).isTrue();
      assertThat(u.get("suspensionReason").asText()).isEqualTo("ADMIN");
    });
    String archived = emu.archiveUser(users.get(3).get("primaryEmail").asText()).id();
    assertThat(all(pages("users", Map.of("customer", "my_customer")), "users", "id")).contains(archived);
  }

  @Test
  void domainParameterMissesTheOtherDomainsUsers() throws Exception {
    List<String> all = all(pages("users", Map.of("customer", "my_customer")), "users", "primaryEmail");
    List<String> primary = all(pages("users", Map.of("domain", emu.domain())), "users", "primaryEmail");
    assertThat(all).anyMatch(e -> e.endsWith("@" + emu.secondaryDomain()));
    assertThat(primary).hasSizeLessThan(all.size()).allMatch(e -> e.endsWith("@" + emu.domain()));
  }

  @Test
  void emptyPagesLeaveOutTheUsersKeyButStillCarryAToken() throws Exception {
    emu.faults().emptyPages(true);
    List<JsonNode> pages = pages("users", Map.of("customer", "my_customer", "maxResults", "10"));
    assertThat(pages.get(1).has("users")).isFalse();
    assertThat(pages.get(1).has("nextPageToken")).isTrue();
    assertThat(pages.get(pages.size() - 1).has("users")).as("the last page is empty too").isFalse();
    assertThat(all(pages, "users", "id")).hasSize(61).doesNotHaveDuplicates();
  }

  @Test
  void raggedPagesAreShorterThanAskedYetNotLast() throws Exception {
    emu.faults().raggedPages(true);
    List<JsonNode> pages = pages("users", Map.of("customer", "my_customer", "maxResults", "10"));
    assertThat(pages.get(1).get("users")).hasSize(5);
    assertThat(pages.get(1).has("nextPageToken")).isTrue();
    assertThat(all(pages, "users", "id")).hasSize(61);
  }

  @Test
  void pageSizeCapOverridesMaxResults() throws Exception {
    emu.faults().pageSizeCap(4);
    List<JsonNode> pages = pages("users", Map.of("customer", "my_customer", "maxResults", "500"));
    assertThat(pages).hasSize(16);
  }

  @Test
  void renamesBetweenPagesNeitherRepeatNorSkipOthers() throws Exception {
    EmulatorHttp.Reply first = http.get("users", Map.of("customer", "my_customer", "maxResults", "10"), token);
    String renamedId = first.json().get("users").get(2).get("id").asText();
    emu.renameUser(renamedId, "zzz-renamed@" + emu.domain());
    Map<String, String> p = new HashMap<>(Map.of("customer", "my_customer", "maxResults", "10"));
    p.put("pageToken", first.json().get("nextPageToken").asText());
    List<JsonNode> rest = pages("users", p);
    List<String> ids = new ArrayList<>(all(List.of(first.json()), "users", "id"));
    ids.addAll(all(rest, "users", "id"));
    assertThat(ids).hasSize(62).containsOnlyOnce(ids.get(0));
  }

  @Test
  void showDeletedListsDeletedUsersWithDeletionTime() throws Exception {
    String email = emu.user(emu.adminEmail()).orElseThrow().primaryEmail();
    String victim = all(pages("users", Map.of("customer", "my_customer")), "users", "primaryEmail").stream()
        .filter(e -> !e.equals(email)).findFirst().orElseThrow();
    emu.deleteUser(victim);
    List<JsonNode> deleted = pages("users", Map.of("customer", "my_customer", "showDeleted", "true"));
    assertThat(all(deleted, "users", "primaryEmail")).containsExactly(victim);
    assertThat(deleted.get(0).at("/users/0/deletionTime").asText()).isNotEmpty();
    assertThat(all(pages("users", Map.of("customer", "my_customer")), "users", "primaryEmail")).doesNotContain(victim);
  }

  @Test
  void customSchemasOnlyWithFullOrCustomProjection() throws Exception {
    JsonNode basic = http.get("users", Map.of("customer", "my_customer", "maxResults", "500"), token).json();
    assertThat(basic.get("users")).allSatisfy(u -> assertThat(u.has("customSchemas")).isFalse());
    JsonNode full = http.get("users", Map.of("customer", "my_customer", "projection", "full"), token).json();
    assertThat(full.get("users")).anySatisfy(u -> assertThat(u.at("/customSchemas/Badges/ids/0/type").asText())
        .isEqualTo("work"));
    JsonNode custom = http.get("users", Map.of("customer", "my_customer", "projection", "custom",
        "customFieldMask", "HR"), token).json();
    assertThat(custom.get("users")).anySatisfy(u -> assertThat(u.has("customSchemas")).isTrue());
    assertThat(custom.get("users")).allSatisfy(u -> assertThat(u.at("/customSchemas/Badges").isMissingNode()).isTrue());
  }

  @Test
  void querySelectsByOrgUnitIncludingChildrenAndBySuspension() throws Exception {
    List<JsonNode> eng = new ArrayList<>();
    pages("users", Map.of("customer", "my_customer", "query", "orgUnitPath='/Engineering'"))
        .forEach(p -> p.path("users").forEach(eng::add));
    assertThat(eng).isNotEmpty().allSatisfy(u -> assertThat(u.get("orgUnitPath").asText()).startsWith("/Engineering"));
    assertThat(eng).anySatisfy(u -> assertThat(u.get("orgUnitPath").asText()).isEqualTo("/Engineering/Platform"));
    List<JsonNode> suspended = new ArrayList<>();
    pages("users", Map.of("customer", "my_customer", "query", "isSuspended=true"))
        .forEach(p -> p.path("users").forEach(suspended::add));
    assertThat(suspended).isNotEmpty().allSatisfy(u -> assertThat(u.get("suspended").asBoolean()).isTrue());
  }

  @Test
  void refusesTamperedOrForeignPageTokensAndMaxResultsOver500() throws Exception {
    JsonNode first = http.get("users", Map.of("customer", "my_customer", "maxResults", "5"), token).json();
    String t = first.get("nextPageToken").asText();
    assertThat(http.get("users", Map.of("customer", "my_customer", "pageToken", t + "x"), token).status()).isEqualTo(400);
    assertThat(http.get("users", Map.of("customer", "my_customer", "query", "isAdmin=false", "pageToken", t), token)
        .status()).isEqualTo(400);
    assertThat(http.get("users", Map.of("customer", "my_customer", "maxResults", "501"), token).status()).isEqualTo(400);
    assertThat(http.get("users", Map.of(), token).status()).isEqualTo(400);
  }

  @Test
  void aListingPagedForMoreThanAnHourGets503BackendError() throws Exception {
    JsonNode first = http.get("users", Map.of("customer", "my_customer", "maxResults", "5"), token).json();
    clock.advance(Duration.ofMinutes(61));
    token = http.accessToken();
    EmulatorHttp.Reply r = http.get("users", Map.of("customer", "my_customer", "maxResults", "5",
        "pageToken", first.get("nextPageToken").asText()), token);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json()).isEqualTo(EmulatorHttp.fixture("error_503_backendError_directory_list_over_60min.json"));
  }

  @Test
  void accessTokensExpireOnTheEmulatorClock() throws Exception {
    clock.advance(Duration.ofMinutes(61));
    assertThat(http.get("users", Map.of("customer", "my_customer"), token).status()).isEqualTo(401);
  }

  @Test
  void groupsAreListedAlphabeticallyWithStringMemberCounts() throws Exception {
    List<JsonNode> pages = pages("groups", Map.of("customer", "my_customer", "maxResults", "5"));
    assertThat(all(pages, "groups", "email")).hasSize(12).isSorted();
    assertThat(pages.get(0).at("/groups/0/directMembersCount").isTextual()).isTrue();
    assertThat(http.get("groups", Map.of("customer", "my_customer", "userKey", emu.adminEmail()), token).status())
        .isEqualTo(400);
  }

  @Test
  void membersIncludeCustomerWithoutEmailAndExternalWithoutStatus() throws Exception {
    String team0 = "team-0000@" + emu.domain();
    List<JsonNode> members = new ArrayList<>();
    pages("groups/" + team0 + "/members", Map.of()).forEach(p -> p.path("members").forEach(members::add));
    assertThat(members).anySatisfy(m -> {
      assertThat(m.get("type").asText()).isEqualTo("CUSTOMER");
      assertThat(m.has("email")).isFalse();
      assertThat(m.get("id").asText()).isEqualTo(emu.customerId());
    });
    assertThat(members).anySatisfy(m -> {
      assertThat(m.get("email").asText()).isEqualTo("partner@external.example");
      assertThat(m.has("status")).isFalse();
    });
    assertThat(members).anySatisfy(m -> {
      assertThat(m.get("type").asText()).isEqualTo("USER");
      assertThat(m.has("email")).isFalse();
      assertThat(m.has("status")).isFalse();
    });
    assertThat(members).anySatisfy(m -> assertThat(m.get("type").asText()).isEqualTo("GROUP"));
  }

  @Test
  void derivedMembershipFlattensNestedGroupsAndSurvivesACycle() throws Exception {
    String team1 = "team-0001@" + emu.domain();
    List<String> direct = all(pages("groups/" + team1 + "/members", Map.of()), "members", "id");
    List<String> derived = all(pages("groups/" + team1 + "/members",
        Map.of("includeDerivedMembership", "true", "maxResults", "3")), "members", "id");
    String team2Id = emu.group("team-0002@" + emu.domain()).orElseThrow().id();
    assertThat(direct).contains(team2Id);
    assertThat(derived).containsAll(direct).hasSizeGreaterThan(direct.size()).doesNotHaveDuplicates();
  }

  @Test
  void aNewlyNestedGroupsMembersAreDerivedOnlyAfterTheNestingLag() throws Exception {
    emu.faults().nestingLag(Duration.ofMinutes(10));
    GoogleGroup parent = emu.createGroup("parent@" + emu.domain(), "Parent", null);
    GoogleGroup child = emu.createGroup("child@" + emu.domain(), "Child", null);
    String userId = emu.users().get(5).id();
    emu.addMember(child.id(), userId);
    emu.addMember(parent.id(), child.id());
    Map<String, String> derived = Map.of("includeDerivedMembership", "true");

    List<String> now = all(pages("groups/" + parent.id() + "/members", derived), "members", "id");
    assertThat(now).containsExactly(child.id());
    clock.advance(Duration.ofMinutes(11));
    token = http.accessToken();
    List<String> later = all(pages("groups/" + parent.id() + "/members", derived), "members", "id");
    assertThat(later).containsExactlyInAnyOrder(child.id(), userId);
  }

  @Test
  void unknownGroupIs404() throws Exception {
    assertThat(http.get("groups/nope@acme.example/members", Map.of(), token).status()).isEqualTo(404);
  }
}
