package io.dirsync.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Collections;

/**
 * A user as dirsync models it: the standard fields of the action format plus custom attributes.
 *
 * <p>Identity is {@link #id()} alone, the source's immutable id; user name and email may change.
 * Every field but {@code id} may be {@code null} (not set in the source). {@code attributes} is never
 * null, holds no null keys or values, and iterates in key order, so two equal users serialise to
 * the same bytes.
 */
public record User(
    String id,
    String userName,
    String email,
    String givenName,
    String familyName,
    String displayName,
    boolean active,
    String department,
    String jobTitle,
    String managerId,
    String employeeId,
    Map<String, String> attributes) {

  public User {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("user id must not be empty");
    }
    attributes = attributes == null || attributes.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** A user with only an id, active, no other field set; a starting point for builders and patches. */
  public static User empty(String id) {
    return new User(id, null, null, null, null, null, true, null, null, null, null, Map.of());
  }

  public User withActive(boolean newActive) {
    return new User(id, userName, email, givenName, familyName, displayName, newActive,
        department, jobTitle, managerId, employeeId, attributes);
  }
}
