package io.dirsync.emulator.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lookups by id, email and alias, and the groups of a member, stay right through renames and deletions. */
class GoogleLookupTest {

  @TempDir
  Path dir;
  GoogleEmulator emu;

  @BeforeEach
  void start() throws Exception {
    emu = GoogleEmulator.builder().users(40).groups(6).clock(new SettableClock(Instant.now())).start();
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  private String email(String local) {
    return local + "@" + emu.domain();
  }

  @Test
  void findsAUserByIdPrimaryEmailOrAliasInAnyCase() {
    GoogleUser u = emu.addUser(GoogleUser.builder(email("Mixed.Case")).aliases(List.of(email("mc"))).build());
    assertThat(emu.user(u.id())).contains(u);
    assertThat(emu.user(email("mixed.case").toUpperCase(Locale.ROOT))).contains(u);
    assertThat(emu.user(email("MC"))).contains(u);
    assertThat(emu.user(email("nobody"))).isEmpty();
    assertThatThrownBy(() -> emu.addUser(GoogleUser.builder(email("MC")).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRenamedUserIsFoundByTheNewEmailAndByTheOldOneAsAnAlias() {
    GoogleUser u = emu.addUser(GoogleUser.builder(email("before")).build());
    emu.renameUser(email("BEFORE"), email("after"));
    assertThat(emu.user(email("after"))).hasValueSatisfying(r -> {
      assertThat(r.id()).isEqualTo(u.id());
      assertThat(r.aliases()).containsExactly(email("before"));
    });
    assertThat(emu.user(email("before")).map(GoogleUser::id)).contains(u.id());
    emu.renameUser(u.id(), email("before"));
    assertThat(emu.user(email("before")).map(GoogleUser::primaryEmail)).contains(email("before"));
    assertThat(emu.user(email("after")).map(GoogleUser::id)).contains(u.id());
  }

  @Test
  void anAliasDroppedByAnUpdateIsFreeAgain() {
    GoogleUser u = emu.addUser(GoogleUser.builder(email("holder")).aliases(List.of(email("spare"))).build());
    emu.updateUser(u.id(), b -> b.aliases(List.of()));
    assertThat(emu.user(email("spare"))).isEmpty();
    GoogleUser other = emu.addUser(GoogleUser.builder(email("spare")).build());
    assertThat(emu.user(email("spare"))).contains(other);
    assertThat(emu.user(email("holder")).map(GoogleUser::id)).contains(u.id());
  }

  @Test
  void aDeletedUserIsFoundByNothingLeavesItsGroupsAndComesBackOnUndelete() {
    GoogleUser u = emu.addUser(GoogleUser.builder(email("leaver")).aliases(List.of(email("l"))).build());
    GoogleGroup g = emu.createGroup(email("club"), "Club", null);
    emu.addMember(g.id(), u.id());
    assertThat(emu.groupsOf(u.id())).containsExactly(g);

    emu.deleteUser(email("LEAVER"));
    assertThat(emu.user(u.id())).isEmpty();
    assertThat(emu.user(email("leaver"))).isEmpty();
    assertThat(emu.user(email("l"))).isEmpty();
    assertThat(emu.groupsOf(u.id())).isEmpty();

    emu.undeleteUser(u.id());
    assertThat(emu.user(email("l")).map(GoogleUser::id)).contains(u.id());
    assertThat(emu.groupsOf(u.id())).as("Google does not restore memberships").isEmpty();
  }

  @Test
  void aGroupIsFoundByItsNewEmailAfterAnUpdateAndByNothingAfterItsDeletion() {
    GoogleGroup parent = emu.createGroup(email("parent"), "Parent", null);
    GoogleGroup child = emu.createGroup(email("child"), "Child", null);
    GoogleUser u = emu.users().get(3);
    emu.addMember(child.id(), u.id());
    emu.addMember(parent.id(), child.id());
    emu.updateGroup(email("CHILD"), c -> new GoogleGroup(c.id(), email("kid"), c.name(), c.description(),
        List.of(email("k")), c.adminCreated()));
    assertThat(emu.group(email("child"))).isEmpty();
    assertThat(emu.group(email("K")).map(GoogleGroup::id)).contains(child.id());
    assertThat(emu.groupsOf(email("kid"))).extracting(GoogleGroup::id).containsExactly(parent.id());

    emu.deleteGroup(email("kid"));
    assertThat(emu.group(child.id())).isEmpty();
    assertThat(emu.group(email("k"))).isEmpty();
    assertThat(emu.groupsOf(u.id())).extracting(GoogleGroup::id).doesNotContain(child.id());
    assertThat(emu.removeMember(parent.id(), child.id())).as("gone from its parent").isFalse();
    GoogleGroup again = emu.createGroup(email("kid"), "Kid again", null);
    assertThat(emu.group(email("kid"))).contains(again);
  }

  @Test
  void removingAMemberTakesTheGroupOutOfItsGroups() {
    GoogleUser u = emu.users().get(7);
    List<GoogleGroup> before = emu.groupsOf(u.primaryEmail());
    assertThat(before).isNotEmpty();
    assertThat(emu.removeMember(before.get(0).id(), u.primaryEmail())).isTrue();
    assertThat(emu.groupsOf(u.id())).hasSize(before.size() - 1).doesNotContain(before.get(0));
  }

  @Test
  void pagedListingsOfAMembersGroupsAndOfUsersByGivenNameMatchTheUnpagedOrder() throws Exception {
    EmulatorHttp http = new EmulatorHttp(emu, dir);
    String token = http.accessToken();
    GoogleUser u = emu.users().get(9);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      GoogleGroup g = emu.createGroup(email("g" + (7 - i)), "G", null);
      emu.addMember(g.id(), u.id());
    }
    emu.groupsOf(u.id()).forEach(g -> expected.add(g.email()));
    assertThat(emails(http, token, "groups", Map.of("userKey", u.primaryEmail(), "maxResults", "2"), "groups", "email"))
        .containsExactlyElementsOf(expected);

    List<String> byGivenName = emu.users().stream()
        .sorted(Comparator.comparing((GoogleUser x) -> x.givenName().toLowerCase(Locale.ROOT))
            .thenComparing(GoogleDirectory::userKey))
        .map(GoogleUser::primaryEmail).toList();
    assertThat(emails(http, token, "users", Map.of("customer", "my_customer", "orderBy", "givenName",
        "maxResults", "6"), "users", "primaryEmail")).containsExactlyElementsOf(byGivenName);
    assertThat(emails(http, token, "users", Map.of("customer", "my_customer", "sortOrder", "DESCENDING",
        "maxResults", "6"), "users", "primaryEmail"))
        .containsExactlyElementsOf(reversed(emu.users().stream().map(GoogleUser::primaryEmail).toList()));
  }

  private static List<String> reversed(List<String> list) {
    List<String> out = new ArrayList<>(list);
    Collections.reverse(out);
    return out;
  }

  private static List<String> emails(EmulatorHttp http, String token, String resource, Map<String, String> params,
      String key, String field) throws Exception {
    List<String> out = new ArrayList<>();
    Map<String, String> p = new HashMap<>(params);
    while (true) {
      EmulatorHttp.Reply r = http.get(resource, p, token);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().path(key).forEach((JsonNode n) -> out.add(n.path(field).asText()));
      if (!r.json().has("nextPageToken")) {
        return out;
      }
      p.put("pageToken", r.json().get("nextPageToken").asText());
    }
  }
}
