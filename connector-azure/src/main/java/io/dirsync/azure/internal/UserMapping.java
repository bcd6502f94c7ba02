package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.Fields;
import io.dirsync.core.spi.UserChange;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graph user JSON → the normalized {@link User}: the standard fields of DESIGN.md plus the
 * configured custom attributes. In a delta entry a property that is absent is unchanged and one
 * that is {@code null} was cleared; {@link UserChange.Upsert#fields()} says which were sent.
 */
public final class UserMapping {

  private static final List<String> STANDARD = List.of("id", "userPrincipalName", "mail", "givenName", "surname",
      "displayName", "accountEnabled", "department", "jobTitle", "employeeId");

  private final Map<String, String> attributes;
  private final List<String> select;
  private final List<String> deltaSelect;

  /** @param attributes attribute name → Graph property path (validated by the config) */
  public UserMapping(Map<String, String> attributes) {
    this.attributes = Map.copyOf(attributes);
    Set<String> s = new LinkedHashSet<>(STANDARD);
    attributes.values().forEach(p -> s.add(topLevel(p)));
    this.select = List.copyOf(s);
    s.add("manager");
    this.deltaSelect = List.copyOf(s);
  }

  /** Every property to {@code $select}: Graph returns {@code accountEnabled} and custom ones only when selected. */
  public List<String> select() {
    return select;
  }

  /**
   * What a users delta round selects: {@link #select()} plus {@code manager}, which a round reports
   * as {@code manager@delta} (lists read it with {@code $expand=manager($select=id)}).
   */
  public List<String> deltaSelect() {
    return deltaSelect;
  }

  /** A user from a list page (every selected property present, unset ones null). */
  public User fromList(JsonNode u) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attributes.forEach((name, path) -> {
      String v = value(u, path);
      if (v != null) {
        attrs.put(name, v);
      }
    });
    String upn = text(u, "userPrincipalName");
    String mail = text(u, "mail");
    return new User(u.path("id").asText(), upn, mail != null ? mail : upn, text(u, "givenName"), text(u, "surname"),
        text(u, "displayName"), !u.has("accountEnabled") || u.get("accountEnabled").asBoolean(true),
        text(u, "department"), text(u, "jobTitle"), text(u.path("manager"), "id"), text(u, "employeeId"), attrs);
  }

  /** A delta entry: a removal, or an upsert naming only the fields that were sent. */
  public UserChange fromDelta(JsonNode u) {
    String id = u.path("id").asText();
    if (u.has("@removed")) {
      return new UserChange.Removed(id, !"changed".equals(u.path("@removed").path("reason").asText()));
    }
    Set<String> fields = new HashSet<>();
    mark(u, "userPrincipalName", Fields.USER_NAME, fields);
    mark(u, "givenName", Fields.GIVEN_NAME, fields);
    mark(u, "surname", Fields.FAMILY_NAME, fields);
    mark(u, "displayName", Fields.DISPLAY_NAME, fields);
    mark(u, "department", Fields.DEPARTMENT, fields);
    mark(u, "jobTitle", Fields.JOB_TITLE, fields);
    mark(u, "employeeId", Fields.EMPLOYEE_ID, fields);
    if (u.hasNonNull("accountEnabled")) {
      fields.add(Fields.ACTIVE);
    }
    String upn = text(u, "userPrincipalName");
    String mail = text(u, "mail");
    String email = mail != null ? mail : upn;
    if (mail != null || upn != null) {
      fields.add(Fields.EMAIL);
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    attributes.forEach((name, path) -> {
      if (u.has(topLevel(path))) {
        fields.add(Fields.attribute(name));
        String v = value(u, path);
        if (v != null) {
          attrs.put(name, v);
        }
      }
    });
    String managerId = null;
    if (u.has("manager@delta")) {
      fields.add(Fields.MANAGER_ID);
      for (JsonNode m : u.get("manager@delta")) {
        if (!m.has("@removed") && m.hasNonNull("id")) {
          managerId = m.get("id").asText();
        }
      }
    }
    User user = new User(id, upn, email, text(u, "givenName"), text(u, "surname"), text(u, "displayName"),
        !u.hasNonNull("accountEnabled") || u.get("accountEnabled").asBoolean(true), text(u, "department"),
        text(u, "jobTitle"), managerId, text(u, "employeeId"), attrs);
    return new UserChange.Upsert(user, fields, false);
  }

  private static void mark(JsonNode u, String property, String field, Set<String> fields) {
    if (u.has(property)) {
      fields.add(field);
    }
  }

  static String text(JsonNode n, String property) {
    JsonNode v = n == null ? null : n.get(property);
    return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }

  private static String value(JsonNode u, String path) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      return text(u, path);
    }
    JsonNode parent = u.get(path.substring(0, dot));
    return parent == null || !parent.isObject() ? null : text(parent, path.substring(dot + 1));
  }

  private static String topLevel(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
