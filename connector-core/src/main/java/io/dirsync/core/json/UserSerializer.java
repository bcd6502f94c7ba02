package io.dirsync.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.dirsync.core.model.User;
import java.io.IOException;
import java.util.Map;

/**
 * Writes a {@link User} exactly as Jackson's record serialisation does with {@link Json#MAPPER}'s
 * settings (component order, nulls written, attributes in key order), without reflection or
 * re-sorting the attributes per user. The snapshot's content hashes are computed from these bytes,
 * so they must never differ from that form: {@code UserSerializerTest} compares the two.
 *
 * <p>Every user of every full run is serialised once while it is staged, which made the reflective
 * form the largest single cost of a 1,000,000-user diff (docs/benchmarks.md).
 */
final class UserSerializer extends StdSerializer<User> {

  private static final SerializableString ID = new SerializedString("id");
  private static final SerializableString USER_NAME = new SerializedString("userName");
  private static final SerializableString EMAIL = new SerializedString("email");
  private static final SerializableString GIVEN_NAME = new SerializedString("givenName");
  private static final SerializableString FAMILY_NAME = new SerializedString("familyName");
  private static final SerializableString DISPLAY_NAME = new SerializedString("displayName");
  private static final SerializableString ACTIVE = new SerializedString("active");
  private static final SerializableString DEPARTMENT = new SerializedString("department");
  private static final SerializableString JOB_TITLE = new SerializedString("jobTitle");
  private static final SerializableString MANAGER_ID = new SerializedString("managerId");
  private static final SerializableString EMPLOYEE_ID = new SerializedString("employeeId");
  private static final SerializableString ATTRIBUTES = new SerializedString("attributes");

  UserSerializer() {
    super(User.class);
  }

  @Override
  public void serialize(User u, JsonGenerator g, SerializerProvider provider) throws IOException {
    g.writeStartObject(u);
    string(g, ID, u.id());
    string(g, USER_NAME, u.userName());
    string(g, EMAIL, u.email());
    string(g, GIVEN_NAME, u.givenName());
    string(g, FAMILY_NAME, u.familyName());
    string(g, DISPLAY_NAME, u.displayName());
    g.writeFieldName(ACTIVE);
    g.writeBoolean(u.active());
    string(g, DEPARTMENT, u.department());
    string(g, JOB_TITLE, u.jobTitle());
    string(g, MANAGER_ID, u.managerId());
    string(g, EMPLOYEE_ID, u.employeeId());
    g.writeFieldName(ATTRIBUTES);
    g.writeStartObject();
    // the record keeps attributes in a TreeMap: already in key order
    for (Map.Entry<String, String> e : u.attributes().entrySet()) {
      g.writeFieldName(e.getKey());
      g.writeString(e.getValue());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }
}
