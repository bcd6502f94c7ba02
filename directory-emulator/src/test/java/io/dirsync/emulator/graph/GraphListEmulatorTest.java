package io.dirsync.emulator.graph;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lists, query rules, the token endpoint, fault switches and the journal. */
class GraphListEmulatorTest {

  private GraphEmulator emu;
  private GraphTestClient client;

  @BeforeEach
  void start() {
    emu = GraphEmulator.builder().users(250).groups(6).start();
    client = new GraphTestClient(emu);
  }

  @AfterEach
  void stop() {
    emu.close();
  }

  private List<JsonNode> all(String first, String... headers) throws Exception {
    List<JsonNode> items = new ArrayList<>();
    JsonNode page = client.get(first, headers).body();
    page.get("value").forEach(items::add);
    while (page.has("@odata.nextLink")) {
      page = client.get(page.get("@odata.nextLink").asText(), headers).body();
      page.get("value").forEach(items::add);
    }
    return items;
  }

  @Test
  void pagesDefaultToOneHundredAndLinkBackWithEveryQueryOption() throws Exception {
    JsonNode first = client.get("/users?$select=id,accountEnabled").body();
    assertThat(first.get("value")).hasSize(100);
    String next = first.get("@odata.nextLink").asText();
    assertThat(next).startsWith(emu.graphUrl() + "/users?$select=id,accountEnabled&$skiptoken=");
    assertThat(all("/users?$select=id&$top=999")).hasSize(250);
    assertThat(client.get(next.replace("$select=id,accountEnabled", "$select=id")).status())
        .as("a skiptoken replayed with other query options").isEqualTo(400);
  }

  @Test
  void accountEnabledIsReturnedOnlyWhenSelected() throws Exception {
    assertThat(client.get("/users?$top=5").body().at("/value/0").has("accountEnabled")).isFalse();
    List<JsonNode> users = all("/users?$select=id,accountEnabled&$top=999");
    assertThat(users).filteredOn(u -> !u.get("accountEnabled").asBoolean()).hasSize(25);
  }

  @Test
  void serverPageCapBoundsEveryPage() throws Exception {
    try (GraphEmulator small = GraphEmulator.builder().users(12).groups(0).listPageCap(5).start()) {
      JsonNode page = new GraphTestClient(small).get("/users?$top=999").body();
      assertThat(page.get("value")).hasSize(5);
      assertThat(page.has("@odata.nextLink")).isTrue();
    }
  }

  @Test
  void filtersTheSubsetGraphSupports() throws Exception {
    assertThat(all("/users?$filter=accountEnabled%20eq%20false&$select=id")).hasSize(25);
    String upn = client.get("/users?$top=1&$select=userPrincipalName").body().at("/value/0/userPrincipalName").asText();
    assertThat(all("/users?$filter=userPrincipalName%20in%20('" + upn + "','nobody@x.example')&$select=id")).hasSize(1);
    assertThat(all("/users?$filter=startswith(userPrincipalName,'" + upn.substring(0, 3) + "')&$select=id")).isNotEmpty();

    assertThat(client.get("/users?$filter=accountEnabled%20ne%20false").status()).isEqualTo(400);
    List<JsonNode> enabled = all("/users?$filter=accountEnabled%20ne%20false&$count=true&$select=id",
        "ConsistencyLevel", "eventual");
    assertThat(enabled).hasSize(225);

    JsonNode first = client.get("/users?$filter=accountEnabled%20ne%20false&$count=true&$select=id",
        "ConsistencyLevel", "eventual").body();
    assertThat(client.get(first.get("@odata.nextLink").asText()).status())
        .as("the header is not carried into next links; a client that does not resend it is refused").isEqualTo(400);
  }

  @Test
  void countComesOnTheFirstPageOfAnAdvancedQueryOnly() throws Exception {
    JsonNode plain = client.get("/users?$count=true").body();
    assertThat(plain.has("@odata.count")).as("$count without the header is ignored").isFalse();
    JsonNode first = client.get("/users?$count=true", "ConsistencyLevel", "eventual").body();
    assertThat(first.get("@odata.count").asInt()).isEqualTo(250);
    JsonNode second = client.get(first.get("@odata.nextLink").asText(), "ConsistencyLevel", "eventual").body();
    assertThat(second.has("@odata.count")).isFalse();
  }

  @Test
  void membersCarryTheirTypesAndTransitiveMembersIncludeNestedGroups() throws Exception {
    String parent = emu.groupIds().get(1);
    List<JsonNode> direct = all("/groups/" + parent + "/members?$select=id");
    assertThat(direct).extracting(m -> m.get("@odata.type").asText())
        .contains("#microsoft.graph.user", "#microsoft.graph.group", "#microsoft.graph.orgContact");
    String nested = direct.stream().filter(m -> m.get("@odata.type").asText().endsWith("group")).findFirst()
        .orElseThrow().get("id").asText();
    List<JsonNode> transitive = all("/groups/" + parent + "/transitiveMembers?$select=id");
    List<JsonNode> nestedMembers = all("/groups/" + nested + "/members?$select=id");
    assertThat(transitive).extracting(m -> m.get("id").asText())
        .containsAll(nestedMembers.stream().map(m -> m.get("id").asText()).toList())
        .contains(nested);
    assertThat(client.get("/groups/00000000-0000-0000-0000-000000000000/members").status()).isEqualTo(404);
  }

  @Test
  void tokenEndpointRefusesWrongCredentials() throws Exception {
    Map<String, String> good = Map.of("client_id", emu.clientId(), "client_secret", emu.clientSecret(),
        "scope", emu.scope(), "grant_type", "client_credentials");
    GraphTestClient.Response badSecret = client.token(with(good, "client_secret", "wrong"));
    assertThat(badSecret.status()).isEqualTo(401);
    assertThat(badSecret.body().get("error").asText()).isEqualTo("invalid_client");
    assertThat(badSecret.body().get("error_description").asText()).startsWith("AADSTS7000215:");
    assertThat(client.token(with(good, "client_id", "11111111-1111-1111-1111-111111111111")).body()
        .get("error").asText()).isEqualTo("unauthorized_client");
    assertThat(client.token(with(good, "grant_type", "password")).body().get("error").asText())
        .isEqualTo("unsupported_grant_type");
    assertThat(client.token(with(good, "scope", "https://graph.microsoft.us/.default")).body().get("error").asText())
        .as("a token of another cloud").isEqualTo("invalid_scope");
  }

  @Test
  void accessTokensExpireOnTheEmulatorClock() throws Exception {
    assertThat(client.get("/users?$top=1").status()).isEqualTo(200);
    emu.clock().advance(Duration.ofSeconds(3600));
    GraphTestClient.Response expired = client.get("/users?$top=1");
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.body().at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");
    client.forgetToken();
    assertThat(client.get("/users?$top=1").status()).isEqualTo(200);
    emu.revokeAccessTokens();
    assertThat(client.get("/users?$top=1").status()).isEqualTo(401);
  }

  @Test
  void throttlesAndFailsTheNextRequestsThenRecovers() throws Exception {
    emu.faults().throttleNext(2, null);
    GraphTestClient.Response first = client.get("/users?$top=1");
    assertThat(first.status()).isEqualTo(429);
    assertThat(first.headers().firstValue("Retry-After")).isEmpty();
    assertThat(client.get("/users?$top=1").status()).isEqualTo(429);
    emu.faults().failNext(1, 503);
    assertThat(client.get("/users?$top=1").status()).isEqualTo(503);
    assertThat(client.get("/users?$top=1").status()).isEqualTo(200);
  }

  @Test
  void latencyDelaysButDoesNotBreakAnswers() throws Exception {
    emu.faults().latency(Duration.ofMillis(20));
    assertThat(client.get("/users?$top=1").status()).isEqualTo(200);
    emu.faults().clear();
  }

  @Test
  void aSharedClockDrivesSeveralEmulators() {
    EmulatorClock shared = new EmulatorClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    try (GraphEmulator other = GraphEmulator.builder().empty().clock(shared).start()) {
      shared.advance(Duration.ofDays(1));
      assertThat(other.clock().instant()).isEqualTo(java.time.Instant.parse("2026-01-02T00:00:00Z"));
    }
  }

  @Test
  void journalRecordsQueryAndHeadersOfInterestButNoToken() throws Exception {
    emu.journal().clear();
    client.get("/users?$select=id&$top=3", "ConsistencyLevel", "eventual", "Prefer", "return=minimal");
    GraphRequest r = emu.journal().graphRequests().get(0);
    assertThat(r.path()).isEqualTo("/v1.0/users");
    assertThat(r.query()).containsEntry("$select", "id").containsEntry("$top", "3");
    assertThat(r.headers()).containsEntry("ConsistencyLevel", "eventual").containsEntry("Prefer", "return=minimal");
    assertThat(r.authorization()).isEqualTo("Bearer");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.resource()).isEqualTo("users");
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> m = new java.util.HashMap<>(base);
    m.put(key, value);
    return m;
  }
}
