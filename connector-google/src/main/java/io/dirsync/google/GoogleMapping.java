package io.dirsync.google;

import com.google.api.services.directory.model.Group;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.User;
import com.google.api.services.directory.model.UserName;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Google Directory objects to dirsync's model, as DESIGN.md's table says: ids stay strings (21
 * digits do not fit a long), active is neither suspended nor archived, department and title come
 * from the primary organization, the employee id from {@code externalIds} of type
 * {@code organization}, the manager from {@code relations} of type {@code manager} (an email).
 */
final class GoogleMapping {

  private final Map<String, AttributeSource> attributes = new LinkedHashMap<>();

  GoogleMapping(GoogleConfig config) {
    config.attributes().forEach((name, expr) -> attributes.put(name, AttributeSource.parse("attributes." + name, expr)));
  }

  /** The user, or null for an entry without an id (nothing to key it by). */
  io.dirsync.core.model.User user(User u) {
    if (u.getId() == null || u.getId().isEmpty()) {
      return null;
    }
    UserName name = u.getName();
    Map<?, ?> org = primaryOrganization(u.getOrganizations());
    Map<String, String> attrs = new LinkedHashMap<>();
    attributes.forEach((attr, source) -> {
      String v = source.extract(u);
      if (v != null) {
        attrs.put(attr, v);
      }
    });
    boolean active = !Boolean.TRUE.equals(u.getSuspended()) && !Boolean.TRUE.equals(u.getArchived());
    return new io.dirsync.core.model.User(
        u.getId(),
        u.getPrimaryEmail(),
        u.getPrimaryEmail(),
        name == null ? null : blankToNull(name.getGivenName()),
        name == null ? null : blankToNull(name.getFamilyName()),
        name == null ? null : blankToNull(name.getFullName()),
        active,
        org == null ? null : AttributeSource.text(org.get("department")),
        org == null ? null : AttributeSource.text(org.get("title")),
        typedValue(u.getRelations(), "manager"),
        typedValue(u.getExternalIds(), "organization"),
        attrs);
  }

  static io.dirsync.core.model.Group group(Group g) {
    return new io.dirsync.core.model.Group(g.getId(), blankToNull(g.getName()), blankToNull(g.getEmail()),
        blankToNull(g.getDescription()));
  }

  /**
   * A member as a membership of {@code groupId}, or null for what dirsync does not model:
   * {@code CUSTOMER} (all users of the domain), unknown types, and nested groups when memberships
   * are flattened (their users arrive through {@code includeDerivedMembership}).
   */
  static Membership membership(String groupId, Member m, NestedGroups nesting) {
    if (m.getId() == null || m.getId().isEmpty() || m.getType() == null) {
      return null;
    }
    return switch (m.getType()) {
      case "USER" -> new Membership(groupId, m.getId(), MemberType.USER);
      case "GROUP" -> nesting == NestedGroups.DIRECT ? new Membership(groupId, m.getId(), MemberType.GROUP) : null;
      default -> null;
    };
  }

  /** The organization marked primary, else the first one; null when there is none. */
  static Map<?, ?> primaryOrganization(Object organizations) {
    if (!(organizations instanceof List<?> list) || list.isEmpty()) {
      return null;
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("primary"))) {
        return m;
      }
    }
    return list.get(0) instanceof Map<?, ?> m ? m : null;
  }

  /** The {@code value} of the first entry of a typed list whose {@code type} or {@code customType} is {@code type}. */
  static String typedValue(Object entries, String type) {
    if (!(entries instanceof List<?> list)) {
      return null;
    }
    for (Object o : list) {
      if (o instanceof Map<?, ?> m && (Objects.equals(type, m.get("type")) || Objects.equals(type, m.get("customType")))) {
        String v = AttributeSource.text(m.get("value"));
        if (v != null) {
          return v;
        }
      }
    }
    return null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
