package io.dirsync.core.contract;

/** A user to seed a source with; the source assigns the id. {@code userName} is the sign-in name / email. */
public record SeedUser(String userName, String givenName, String familyName, boolean active,
    String department, String jobTitle) {

  public String displayName() {
    return givenName + " " + familyName;
  }
}
