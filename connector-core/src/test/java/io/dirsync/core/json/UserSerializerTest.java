package io.dirsync.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dirsync.core.model.User;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written user serialiser writes the very bytes Jackson's reflective record serialisation
 * wrote before it: the content hashes in every existing snapshot were computed from those, and a
 * single differing byte would make every user of every directory look changed once.
 */
class UserSerializerTest {

  /** Json.MAPPER as it was before the serialiser: the reference form. */
  private static final ObjectMapper REFLECTIVE = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private static final String[] PIECES = {"", "a", "Zoë", "O'Brien", "\"quoted\"", "back\\slash", "tab\there",
      "line\nbreak", "\u0000nul", "\u001f", "\u007f", "é", "日本語", "emoji \uD83D\uDE00", "\u2028", "</script>",
      "x".repeat(3000), "mixed\r\n\u00a0"};

  @Test
  void writesExactlyWhatReflectiveSerialisationWrote() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      User u = randomUser(random, i);
      String expected = REFLECTIVE.writeValueAsString(u);
      assertThat(Json.write(u)).as("user %d", i).isEqualTo(expected);
      assertThat((Object) Json.MAPPER.valueToTree(u)).isEqualTo(REFLECTIVE.valueToTree(u));
      assertThat(Json.readUser(expected)).isEqualTo(u);
    }
  }

  @Test
  void aKnownUserKeepsItsKnownBytesAndHash() {
    User u = new User("u1", "ada@example.com", "ada@example.com", "Ada", "Lovelace", "Ada Lovelace", false,
        null, "Engineer", "u0", "E-1", Map.of("costCenter", "42", "b", "2"));
    String json = Json.write(u);
    assertThat(json).isEqualTo("{\"id\":\"u1\",\"userName\":\"ada@example.com\",\"email\":\"ada@example.com\","
        + "\"givenName\":\"Ada\",\"familyName\":\"Lovelace\",\"displayName\":\"Ada Lovelace\",\"active\":false,"
        + "\"department\":null,\"jobTitle\":\"Engineer\",\"managerId\":\"u0\",\"employeeId\":\"E-1\","
        + "\"attributes\":{\"b\":\"2\",\"costCenter\":\"42\"}}");
    assertThat(Json.hash(json)).isEqualTo(Json.hash(REFLECTIVE.valueToTree(u).toString()));
  }

  private static User randomUser(Random r, int i) {
    Map<String, String> attributes = new HashMap<>();
    for (int k = r.nextInt(4); k > 0; k--) {
      attributes.put(piece(r) + k, piece(r) == null ? "" : piece(r));
    }
    attributes.values().removeIf(v -> v == null);
    return new User("id-" + i + piece(r), maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), r.nextBoolean(), maybe(r),
        maybe(r), maybe(r), maybe(r), attributes);
  }

  private static String maybe(Random r) {
    return r.nextInt(4) == 0 ? null : piece(r);
  }

  private static String piece(Random r) {
    return PIECES[r.nextInt(PIECES.length)] + (r.nextBoolean() ? "" : PIECES[r.nextInt(PIECES.length)]);
  }
}
