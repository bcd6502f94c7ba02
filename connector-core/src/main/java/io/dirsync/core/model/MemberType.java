package io.dirsync.core.model;

/** What a member of a group is. Members of any other kind (contacts, devices, customers) are not modelled. */
public enum MemberType {
  USER("user"),
  GROUP("group");

  private final String wireName;

  MemberType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in actions and in the store: {@code user} or {@code group}. */
  public String wireName() {
    return wireName;
  }

  public static MemberType fromWire(String name) {
    for (MemberType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown member type: " + name);
  }
}
