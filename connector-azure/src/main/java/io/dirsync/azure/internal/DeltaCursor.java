package io.dirsync.azure.internal;

/**
 * The connector's cursor value: the users and the groups deltaLink, each stored verbatim. The
 * engine treats the whole as opaque.
 */
record DeltaCursor(String usersLink, String groupsLink) {

  private static final String VERSION = "graph-delta-v1";

  String encode() {
    return VERSION + "\n" + usersLink + "\n" + groupsLink;
  }

  /** @return null when the value was not made by {@link #encode()} */
  static DeltaCursor decode(String value) {
    String[] parts = value.split("\n", -1);
    if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].startsWith("http") || !parts[2].startsWith("http")) {
      return null;
    }
    return new DeltaCursor(parts[1], parts[2]);
  }
}
