package io.dirsync.emulator.google;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user of the emulated Workspace domain, as the emulator stores it. Immutable; change one with
 * {@link #toBuilder()} and {@link GoogleEmulator#updateUser}. {@code id} is assigned by the emulator
 * (a 21-digit decimal string, like Google's) when the user is added, and never changes.
 *
 * @param customSchemas schema name → field name → value: a String for single-valued fields, a
 *     {@code List<Map<String,Object>>} of {@code {value,type}} entries for multi-valued ones
 */
public record GoogleUser(
    String id,
    String primaryEmail,
    String givenName,
    String familyName,
    boolean suspended,
    boolean archived,
    boolean admin,
    String orgUnitPath,
    String department,
    String title,
    String employeeId,
    String managerEmail,
    Map<String, Map<String, Object>> customSchemas,
    List<String> aliases,
    Instant creationTime,
    Instant lastLoginTime) {

  public GoogleUser {
    Objects.requireNonNull(primaryEmail, "primaryEmail");
    orgUnitPath = orgUnitPath == null ? "/" : orgUnitPath;
    Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
    if (customSchemas != null) {
      customSchemas.forEach((k, v) -> schemas.put(k, Map.copyOf(v)));
    }
    customSchemas = Map.copyOf(schemas);
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
    creationTime = creationTime == null ? Instant.parse("2020-01-01T00:00:00Z") : creationTime;
    lastLoginTime = lastLoginTime == null ? Instant.EPOCH : lastLoginTime;
  }

  public static Builder builder(String primaryEmail) {
    return new Builder().primaryEmail(primaryEmail);
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.primaryEmail = primaryEmail;
    b.givenName = givenName;
    b.familyName = familyName;
    b.suspended = suspended;
    b.archived = archived;
    b.admin = admin;
    b.orgUnitPath = orgUnitPath;
    b.department = department;
    b.title = title;
    b.employeeId = employeeId;
    b.managerEmail = managerEmail;
    b.customSchemas = new LinkedHashMap<>(customSchemas);
    b.aliases = aliases;
    b.creationTime = creationTime;
    b.lastLoginTime = lastLoginTime;
    return b;
  }

  public String fullName() {
    if (givenName == null && familyName == null) {
      return null;
    }
    return ((givenName == null ? "" : givenName) + " " + (familyName == null ? "" : familyName)).trim();
  }

  /** Fluent builder; every field is optional except the primary email. */
  public static final class Builder {
    private String id;
    private String primaryEmail;
    private String givenName;
    private String familyName;
    private boolean suspended;
    private boolean archived;
    private boolean admin;
    private String orgUnitPath = "/";
    private String department;
    private String title;
    private String employeeId;
    private String managerEmail;
    private Map<String, Map<String, Object>> customSchemas = new LinkedHashMap<>();
    private List<String> aliases = List.of();
    private Instant creationTime;
    private Instant lastLoginTime;

    Builder id(String value) {
      this.id = value;
      return this;
    }

    public Builder primaryEmail(String value) {
      this.primaryEmail = value;
      return this;
    }

    public Builder name(String given, String family) {
      this.givenName = given;
      this.familyName = family;
      return this;
    }

    public Builder suspended(boolean value) {
      this.suspended = value;
      return this;
    }

    public Builder archived(boolean value) {
      this.archived = value;
      return this;
    }

    public Builder admin(boolean value) {
      this.admin = value;
      return this;
    }

    public Builder orgUnitPath(String value) {
      this.orgUnitPath = value;
      return this;
    }

    public Builder department(String value) {
      this.department = value;
      return this;
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder employeeId(String value) {
      this.employeeId = value;
      return this;
    }

    public Builder managerEmail(String value) {
      this.managerEmail = value;
      return this;
    }

    /** Sets one custom schema field; {@code value} is a String or a list of {@code {value,type}} maps. */
    public Builder customField(String schema, String field, Object value) {
      Map<String, Object> fields = new LinkedHashMap<>(customSchemas.getOrDefault(schema, Map.of()));
      if (value == null) {
        fields.remove(field);
      } else {
        fields.put(field, value);
      }
      if (fields.isEmpty()) {
        customSchemas.remove(schema);
      } else {
        customSchemas.put(schema, fields);
      }
      return this;
    }

    public Builder aliases(List<String> value) {
      this.aliases = value;
      return this;
    }

    public Builder creationTime(Instant value) {
      this.creationTime = value;
      return this;
    }

    public Builder lastLoginTime(Instant value) {
      this.lastLoginTime = value;
      return this;
    }

    public GoogleUser build() {
      return new GoogleUser(id, primaryEmail, givenName, familyName, suspended, archived, admin, orgUnitPath,
          department, title, employeeId, managerEmail, customSchemas, aliases, creationTime, lastLoginTime);
    }
  }
}
