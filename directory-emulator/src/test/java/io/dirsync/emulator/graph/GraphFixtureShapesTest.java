package io.dirsync.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator's responses checked against the verbatim Graph responses in the fixture files:
 * the same keys and value types (the data differs). Proves the fake speaks Graph, not only that
 * the connector speaks the fake.
 */
class GraphFixtureShapesTest {

  private GraphEmulator emu;
  private GraphTestClient client;

  @BeforeEach
  void start() {
    emu = GraphEmulator.builder().users(30).groups(5).shuffleDelta(false).deltaPageSize(4).start();
    client = new GraphTestClient(emu);
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  private static void sameShape(JsonNode actual, String fixture) {
    assertThat(Shapes.of(actual)).as("shape of the emulator's answer vs %s", fixture)
        .isEqualTo(Shapes.of(Shapes.fixture(fixture)));
  }

  @Test
  void tokenResponseHasTheShapeOfTheDocumentedOne() throws Exception {
    GraphTestClient.Response r = client.token(Map.of("client_id", emu.clientId(), "client_secret", emu.clientSecret(),
        "scope", emu.scope(), "grant_type", "client_credentials"));
    assertThat(r.status()).isEqualTo(200);
    sameShape(r.body(), "token_client_credentials_response.json");
  }

  @Test
  void invalidScopeIsAnAadstsError() throws Exception {
    GraphTestClient.Response r = client.token(Map.of("client_id", emu.clientId(), "client_secret", emu.clientSecret(),
        "scope", "https://foo.microsoft.com/.default", "grant_type", "client_credentials"));
    assertThat(r.status()).isEqualTo(400);
    sameShape(r.body(), "token_error_invalid_scope.json");
    assertThat(r.body().get("error_description").asText())
        .startsWith("AADSTS70011: The provided value for the input parameter 'scope' is not valid. "
            + "The scope https://foo.microsoft.com/.default is not valid.\r\nTrace ID: ");
  }

  @Test
  void missingBearerIsInvalidAuthenticationToken() throws Exception {
    GraphTestClient.Response r = client.getWithoutToken("/users");
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body()).isEqualTo(Shapes.fixture("error_401_InvalidAuthenticationToken.OBSERVED.json"));
  }

  @Test
  void throttlingBodyAndRetryAfterAsDocumented() throws Exception {
    emu.faults().throttleNext(1, "2.128");
    GraphTestClient.Response r = client.get("/users");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).contains("2.128");
    sameShape(r.body(), "error_429_throttled.json");
    assertThat(r.body().at("/error/code").asText()).isEqualTo("TooManyRequests");
    assertThat(r.body().at("/error/message").asText()).isEqualTo("Please retry again later.");
  }

  @Test
  void expiredDeltaTokenIsSyncStateNotFoundByDefaultAnd410WhenSwitched() throws Exception {
    String deltaLink = drain(client.get("/users/delta")).get("@odata.deltaLink").asText();
    emu.clock().advance(java.time.Duration.ofDays(7).plusMinutes(1));
    client.forgetToken();

    GraphTestClient.Response r = client.get(deltaLink);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).isEqualTo(Shapes.fixture("error_400_syncStateNotFound_directory.CONSTRUCTED_FROM_DOCS.json"));

    emu.faults().deltaExpiry(GraphFaults.DeltaExpiry.GONE_SYNC_STATE_NOT_FOUND);
    r = client.get(deltaLink);
    assertThat(r.status()).isEqualTo(410);
    sameShape(r.body(), "error_410_SyncStateNotFound_observed_outlook.OBSERVED.json");
    assertThat(r.body().at("/error/code").asText()).isEqualTo("SyncStateNotFound");
  }

  @Test
  void advancedQueryErrorsAreGraphsOwn() throws Exception {
    GraphTestClient.Response search = client.get("/users?$search=%22displayName:ada%22");
    assertThat(search.status()).isEqualTo(400);
    sameShape(search.body(), "error_400_search_without_consistencylevel.json");
    assertThat(search.body().at("/error/message"))
        .isEqualTo(Shapes.fixture("error_400_search_without_consistencylevel.json").at("/error/message"));

    GraphTestClient.Response endsWith = client.get("/users?$filter=endswith(mail,'contoso.example')");
    sameShape(endsWith.body(), "error_400_endswith_without_advanced_params.json");
    assertThat(endsWith.body().at("/error/message"))
        .isEqualTo(Shapes.fixture("error_400_endswith_without_advanced_params.json").at("/error/message"));

    GraphTestClient.Response unsupported = client.get("/groups?$filter=createdDateTime%20ge%202020-01-01");
    sameShape(unsupported.body(), "error_400_unsupported_filter_property.json");
    assertThat(unsupported.body().at("/error/message"))
        .isEqualTo(Shapes.fixture("error_400_unsupported_filter_property.json").at("/error/message"));

    GraphTestClient.Response count = client.get("/users/$count");
    sameShape(count.body(), "error_400_count_without_consistencylevel.json");
    assertThat(count.body().at("/error/message").asText()).isEqualTo("$count is not currently supported.");

    GraphTestClient.Response top = client.get("/users?$top=1000");
    assertThat(top.status()).isEqualTo(400);
    assertThat(top.body().at("/error/code").asText()).isEqualTo("Request_UnsupportedQuery");
    assertThat(top.body().at("/error/message").asText())
        .isEqualTo("Invalid page size specified: '1000'. Must be between 1 and 999 inclusive.");
  }

  @Test
  void listsHaveTheDocumentedDefaultProperties() throws Exception {
    JsonNode users = client.get("/users").body();
    JsonNode usersFixture = Shapes.fixture("users_list_01_apiref_default_properties.json");
    assertThat(Shapes.keys(users)).isEqualTo(Shapes.keys(usersFixture));
    assertThat(Shapes.itemKeys(users)).isEqualTo(Shapes.itemKeys(usersFixture));
    assertThat(users.get("value")).hasSize(30);

    JsonNode groups = client.get("/groups").body();
    JsonNode groupsFixture = Shapes.fixture("groups_list_01_apiref_default_properties.json");
    assertThat(Shapes.keys(groups)).isEqualTo(Shapes.keys(groupsFixture));
    assertThat(Shapes.itemKeys(groups)).isEqualTo(Shapes.itemKeys(groupsFixture));
  }

  @Test
  void transitiveMembersCarryTheirODataType() throws Exception {
    JsonNode page = client.get("/groups/" + emu.groupIds().get(0) + "/transitiveMembers?$select=id,mail").body();
    JsonNode fixture = Shapes.fixture("group_transitivemembers_01_apiref.json");
    assertThat(Shapes.itemKeys(page)).containsAll(Shapes.itemKeys(fixture));
    assertThat(page.at("/value/0/@odata.type").asText()).isEqualTo("#microsoft.graph.user");
  }

  @Test
  void usersDeltaPagesHaveTheDocumentedEnvelopes() throws Exception {
    String gone = emu.userIds().get(3);
    emu.hardDeleteUser(gone);
    JsonNode first = client.get("/users/delta?$select=displayName,givenName,surname").body();
    JsonNode fixtureFirst = Shapes.fixture("users_delta_01_initial_page_with_removed.json");
    assertThat(Shapes.keys(first)).isEqualTo(Shapes.keys(fixtureFirst));
    assertThat(first.get("@odata.context").asText()).endsWith("$metadata#users(displayName,givenName,surname)");
    assertThat(Shapes.itemKeys(fixtureFirst)).containsAll(Shapes.itemKeys(first));
    JsonNode removed = StreamSupport.stream(first.get("value").spliterator(), false)
        .filter(v -> v.has("@removed")).findFirst().orElseThrow();
    assertThat(Shapes.of(removed)).isEqualTo(Shapes.of(fixtureFirst.get("value").get(2)));

    JsonNode last = drain(new GraphTestClient.Response(200, first, null));
    assertThat(Shapes.keys(last)).isEqualTo(Shapes.keys(Shapes.fixture("users_delta_03_final_page_with_deltalink.json")));

    JsonNode noChanges = client.get(last.get("@odata.deltaLink").asText()).body();
    assertThat(Shapes.of(noChanges)).isEqualTo(Shapes.of(Shapes.fixture("users_delta_04_deltalink_no_changes.json")));

    String renamed = emu.userIds().get(0);
    emu.updateUser(renamed, Map.of("givenName", "Renamed"));
    emu.softDeleteUser(emu.userIds().get(1));
    JsonNode changes = client.get(noChanges.get("@odata.deltaLink").asText()).body();
    JsonNode fixtureChanges = Shapes.fixture("users_delta_05_deltalink_changes_with_removed_changed.json");
    assertThat(Shapes.keys(changes)).isEqualTo(Shapes.keys(fixtureChanges));
    assertThat(Shapes.itemKeys(changes)).isEqualTo(Shapes.itemKeys(fixtureChanges));
  }

  @Test
  void usersDeltaWithoutSelectReturnsTheDefaultProperties() throws Exception {
    Map<String, Object> all = new HashMap<>();
    all.put("businessPhones", List.of("+1 425 555 0109"));
    all.put("displayName", "Adele Vance");
    all.put("givenName", "Adele");
    all.put("jobTitle", "Retail Manager");
    all.put("mail", "adelev@contoso.example");
    all.put("mobilePhone", "+1 425 555 0109");
    all.put("officeLocation", "18/2111");
    all.put("preferredLanguage", "en-US");
    all.put("surname", "Vance");
    try (GraphEmulator one = GraphEmulator.builder().empty().start()) {
      one.addUser("adelev@contoso.example", all);
      JsonNode page = new GraphTestClient(one).get("/users/delta").body();
      assertThat(Shapes.itemKeys(page))
          .isEqualTo(Shapes.itemKeys(Shapes.fixture("users_delta_06_apiref_default_properties_page.json")));
    }
  }

  @Test
  void groupsDeltaCarriesMembersDeltaAsDocumented() throws Exception {
    JsonNode first = client.get("/groups/delta?$select=displayName,description,members").body();
    JsonNode fixtureFirst = Shapes.fixture("groups_delta_01_initial_page_members_delta.json");
    assertThat(Shapes.keys(first)).isEqualTo(Shapes.keys(fixtureFirst));
    assertThat(Shapes.itemKeys(fixtureFirst)).containsAll(Shapes.itemKeys(first));
    JsonNode withMembers = StreamSupport.stream(first.get("value").spliterator(), false)
        .filter(v -> v.has("members@delta")).findFirst().orElseThrow();
    assertThat(Shapes.of(withMembers.get("members@delta").get(0)))
        .isEqualTo(Shapes.of(fixtureFirst.at("/value/0/members@delta/0")));

    JsonNode last = drain(new GraphTestClient.Response(200, first, null));
    String group = emu.groupIds().get(1);
    String leaver = firstMember(group);
    emu.addMember(group, emu.addUser("newbie@contoso.example", "New", "Bie"));
    emu.removeMember(group, leaver);

    JsonNode changes = client.get(last.get("@odata.deltaLink").asText()).body();
    JsonNode fixtureChanges = Shapes.fixture("groups_delta_05_deltalink_members_added_and_removed.json");
    assertThat(Shapes.keys(changes)).isEqualTo(Shapes.keys(fixtureChanges));
    assertThat(Shapes.itemKeys(changes)).isEqualTo(Shapes.itemKeys(fixtureChanges));
    JsonNode members = changes.at("/value/0/members@delta");
    assertThat(StreamSupport.stream(members.spliterator(), false).map(Shapes::of))
        .containsExactlyInAnyOrder(Shapes.of(fixtureChanges.at("/value/0/members@delta/0")),
            Shapes.of(fixtureChanges.at("/value/0/members@delta/1")));
  }

  private String firstMember(String group) throws Exception {
    return client.get("/groups/" + group + "/members?$select=id").body().at("/value/0/id").asText();
  }

  /** Follows next links to the last page of a delta round and returns it. */
  private JsonNode drain(GraphTestClient.Response first) throws Exception {
    JsonNode page = first.body();
    while (page.has("@odata.nextLink")) {
      page = client.get(page.get("@odata.nextLink").asText()).body();
    }
    return page;
  }
}
