package io.dirsync.emulator.google;

/** The {@code type} of a Directory API member. */
public enum MemberType {
  /** A user of the domain, or an external account (then the member has an email but no status). */
  USER,
  /** A group; its members are members of the parent through {@code includeDerivedMembership}. */
  GROUP,
  /** "All users in a domain": no email, and the id is the customer id. */
  CUSTOMER
}
