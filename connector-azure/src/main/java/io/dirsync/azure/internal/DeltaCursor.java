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

  /**
   * Whether both links belong to this Graph root (scheme, host, port and version path), so a cursor
   * saved against another endpoint (a moved proxy, an emulator on a new port) is never followed,
   * and the bearer token never goes to it.
   */
  boolean issuedBy(String graphBase) {
    return belongs(usersLink, graphBase) && belongs(groupsLink, graphBase);
  }

  private static boolean belongs(String link, String graphBase) {
    try {
      java.net.URI l = java.net.URI.create(link);
      java.net.URI b = java.net.URI.create(graphBase);
      return l.getScheme().equalsIgnoreCase(b.getScheme()) && l.getHost().equalsIgnoreCase(b.getHost())
          && port(l) == port(b) && l.getRawPath().startsWith(b.getRawPath() + "/");
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  private static int port(java.net.URI u) {
    return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
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
