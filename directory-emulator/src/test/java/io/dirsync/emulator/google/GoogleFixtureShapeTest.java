package io.dirsync.emulator.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator's responses against Google's discovery document ({@code admin.directory_v1}, the
 * fixture of shared/api): every field it sends is a field of the schema, with the schema's JSON type,
 * and the kinds are the schema's defaults.
 */
class GoogleFixtureShapeTest {

  @TempDir
  static Path dir;
  static GoogleEmulator emu;
  static EmulatorHttp http;
  static String token;
  static JsonNode schemas;

  @BeforeAll
  static void start() throws Exception {
    emu = GoogleEmulator.builder().users(40).groups(6).start();
    http = new EmulatorHttp(emu, dir);
    token = http.accessToken();
    schemas = EmulatorHttp.fixture("admin.directory_v1.discovery.json").get("schemas");
  }

  @AfterAll
  static void stop() {
    emu.close();
  }

  @Test
  void usersListMatchesTheUsersAndUserSchemas() throws Exception {
    JsonNode page = http.get("users", Map.of("customer", "my_customer", "projection", "full", "maxResults", "500"),
        token).json();
    conforms(page, "Users");
    assertThat(page.get("kind").asText()).isEqualTo(schemas.at("/Users/properties/kind/default").asText());
    for (JsonNode u : page.get("users")) {
      conforms(u, "User");
      conforms(u.get("name"), "UserName");
      assertThat(u.get("kind").asText()).isEqualTo(schemas.at("/User/properties/kind/default").asText());
      assertThat(u.get("etag").asText()).startsWith("\"").endsWith("\"");
    }
  }

  @Test
  void userShapeCoversTheFieldsOfTheObservedRealUser() throws Exception {
    JsonNode real = EmulatorHttp.fixture("observed_user_suspended_real_shape.OBSERVED.json");
    JsonNode page = http.get("users", Map.of("customer", "my_customer", "query", "isSuspended=true"), token).json();
    JsonNode ours = page.get("users").get(0);
    for (Iterator<String> it = real.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (field.equals("aliases")) {
        continue; // left out when empty, as Google leaves out empty arrays
      }
      assertThat(ours.has(field)).as("field %s of a real suspended user", field).isTrue();
      assertThat(ours.get(field).getNodeType()).as("type of %s", field).isEqualTo(real.get(field).getNodeType());
    }
  }

  @Test
  void groupsListMatchesTheGroupsAndGroupSchemas() throws Exception {
    JsonNode page = http.get("groups", Map.of("customer", "my_customer"), token).json();
    conforms(page, "Groups");
    assertThat(page.get("kind").asText()).isEqualTo(schemas.at("/Groups/properties/kind/default").asText());
    page.get("groups").forEach(g -> conforms(g, "Group"));
  }

  @Test
  void membersListMatchesTheMembersSchemaAndTheObservedRealMember() throws Exception {
    JsonNode page = http.get("groups/team-0000@" + emu.domain() + "/members", Map.of(), token).json();
    conforms(page, "Members");
    page.get("members").forEach(m -> conforms(m, "Member"));
    JsonNode real = EmulatorHttp.fixture("observed_members_real_shape.OBSERVED.NOT_VALID_JSON.txt").get(0);
    JsonNode ours = null;
    for (JsonNode m : page.get("members")) {
      if (m.get("type").asText().equals("USER") && m.has("status")) {
        ours = m;
      }
    }
    assertThat(ours).isNotNull();
    for (Iterator<String> it = real.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      assertThat(ours.has(field)).as("member field %s", field).isTrue();
      assertThat(ours.get(field).getNodeType()).isEqualTo(real.get(field).getNodeType());
    }
    assertThat(ours.get("kind").asText()).isEqualTo(real.get("kind").asText());
  }

  /** Every field of {@code node} is declared by {@code schema} with a matching JSON type. */
  private static void conforms(JsonNode node, String schema) {
    JsonNode props = schemas.get(schema).get("properties");
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      JsonNode decl = props.get(f.getKey());
      assertThat(decl).as("%s.%s is in the discovery document", schema, f.getKey()).isNotNull();
      String type = decl.has("$ref") ? "object" : decl.path("type").asText();
      JsonNode v = f.getValue();
      boolean ok = switch (type) {
        case "string" -> v.isTextual();
        case "boolean" -> v.isBoolean();
        case "integer" -> v.isIntegralNumber();
        case "array" -> v.isArray();
        case "object" -> v.isObject();
        case "any" -> true;
        default -> false;
      };
      assertThat(ok).as("%s.%s is a %s but was %s", schema, f.getKey(), type, v.getNodeType()).isTrue();
    }
  }
}
