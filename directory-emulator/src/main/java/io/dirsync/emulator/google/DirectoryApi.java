package io.dirsync.emulator.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The read side of the Directory API under {@code /admin/directory/v1/}: users.list/get,
 * groups.list/get, members.list. Authorisation (bearer token, admin subject, scopes) and quota are
 * checked by the caller; this class validates parameters and serves pages.
 */
final class DirectoryApi {

  static final String PREFIX = "/admin/directory/v1/";
  private static final String SCOPE = "https://www.googleapis.com/auth/";
  static final Set<String> USER_SCOPES = Set.of(SCOPE + "admin.directory.user.readonly",
      SCOPE + "admin.directory.user", SCOPE + "cloud-platform");
  static final Set<String> GROUP_SCOPES = Set.of(SCOPE + "admin.directory.group.readonly",
      SCOPE + "admin.directory.group");
  static final Set<String> MEMBER_SCOPES = Set.of(SCOPE + "admin.directory.group.member.readonly",
      SCOPE + "admin.directory.group.member", SCOPE + "admin.directory.group.readonly",
      SCOPE + "admin.directory.group");

  /** A request routed to a method: which resource, which scopes it needs, and the path's key. */
  record Route(Resource resource, String method, String key, Set<String> scopes) {
  }

  private final GoogleDirectory dir;
  private final Listing listing;
  private final List<String> domains;
  private final GoogleFaults faults;

  DirectoryApi(GoogleDirectory dir, Listing listing, List<String> domains, GoogleFaults faults) {
    this.dir = dir;
    this.listing = listing;
    this.domains = domains;
    this.faults = faults;
  }

  /** Which method a path names, or null for a path the API does not have. */
  static Route route(String path) {
    if (!path.startsWith(PREFIX)) {
      return null;
    }
    String[] p = Arrays.stream(path.substring(PREFIX.length()).split("/")).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
    if (p.length == 1 && p[0].equals("users")) {
      return new Route(Resource.USERS, "users.list", null, USER_SCOPES);
    }
    if (p.length == 2 && p[0].equals("users")) {
      return new Route(Resource.USERS, "users.get", p[1], USER_SCOPES);
    }
    if (p.length == 1 && p[0].equals("groups")) {
      return new Route(Resource.GROUPS, "groups.list", null, GROUP_SCOPES);
    }
    if (p.length == 2 && p[0].equals("groups")) {
      return new Route(Resource.GROUPS, "groups.get", p[1], GROUP_SCOPES);
    }
    if (p.length == 3 && p[0].equals("groups") && p[2].equals("members")) {
      return new Route(Resource.MEMBERS, "members.list", p[1], MEMBER_SCOPES);
    }
    return null;
  }

  Response handle(Route route, Map<String, String> q) {
    return switch (route.method()) {
      case "users.list" -> listUsers(q);
      case "users.get" -> dir.findUser(route.key())
          .map(u -> Response.ok(GoogleJson.user(u, dir.customerId(), projection(q), mask(q), false).toString(), -1))
          .orElse(notFound("userKey"));
      case "groups.list" -> listGroups(q);
      case "groups.get" -> dir.findGroup(route.key())
          .map(g -> Response.ok(GoogleJson.group(g, dir.directMembersCount(g.id())).toString(), -1))
          .orElse(Response.error(GoogleError.GROUP_NOT_FOUND));
      case "members.list" -> listMembers(route.key(), q);
      default -> Response.error(GoogleError.BAD_REQUEST);
    };
  }

  private Response listUsers(Map<String, String> q) {
    String customer = q.get("customer");
    String domain = q.get("domain");
    if (customer == null && domain == null) {
      return Response.error(GoogleError.BAD_REQUEST);
    }
    if (domain == null && !customer.equals("my_customer") && !customer.equals(dir.customerId())) {
      return Response.error(GoogleError.BAD_REQUEST);
    }
    if (domain != null && domains.stream().noneMatch(d -> d.equalsIgnoreCase(domain))) {
      return Response.error(GoogleError.FORBIDDEN);
    }
    Integer max = maxResults(q, 100, 500, false);
    if (max == null) {
      return Response.error(GoogleError.INVALID_MAX_RESULTS);
    }
    GoogleJson.Projection projection;
    Predicate<GoogleUser> filter;
    try {
      projection = projection(q);
      filter = UserQuery.parse(q.get("query"));
    } catch (IllegalArgumentException e) {
      return Response.error(GoogleError.INVALID_QUERY);
    }
    if (projection == GoogleJson.Projection.CUSTOM && mask(q).isEmpty()) {
      return Response.error(GoogleError.BAD_REQUEST);
    }
    if (domain != null) {
      String suffix = "@" + domain.toLowerCase(Locale.ROOT);
      filter = filter.and(u -> u.primaryEmail().toLowerCase(Locale.ROOT).endsWith(suffix));
    }
    Set<String> mask = mask(q);
    boolean domainPublic = "domain_public".equalsIgnoreCase(q.get("viewType"));
    if ("true".equalsIgnoreCase(q.get("showDeleted"))) {
      List<GoogleDirectory.Deleted> deleted = dir.deletedUsers();
      return listing.page(Resource.USERS, q, max, (after, limit) -> deleted.stream()
              .filter(d -> after == null || GoogleDirectory.userKey(d.user()).compareTo(after) > 0)
              .limit(limit + 1L).toList(),
          d -> GoogleDirectory.userKey(d.user()),
          d -> GoogleJson.deletedUser(d.user(), d.deletionTime(), dir.customerId()),
          "admin#directory#users", "users");
    }
    Function<GoogleUser, ObjectNode> render = u -> GoogleJson.user(u, dir.customerId(), projection, mask, domainPublic);
    String orderBy = q.getOrDefault("orderBy", "email").toLowerCase(Locale.ROOT);
    boolean descending = "descending".equalsIgnoreCase(q.get("sortOrder"));
    Predicate<GoogleUser> f = filter;
    if (orderBy.equals("email") && !descending) {
      return listing.page(Resource.USERS, q, max, (after, limit) -> dir.usersAfter(after, f, limit),
          GoogleDirectory::userKey, render, "admin#directory#users", "users");
    }
    Function<GoogleUser, String> key = switch (orderBy) {
      case "givenname" -> u -> lower(u.givenName()) + "\u0000" + GoogleDirectory.userKey(u);
      case "familyname" -> u -> lower(u.familyName()) + "\u0000" + GoogleDirectory.userKey(u);
      default -> GoogleDirectory::userKey;
    };
    Comparator<String> order = descending ? Comparator.<String>reverseOrder() : Comparator.<String>naturalOrder();
    return listing.page(Resource.USERS, q, max, (after, limit) -> dir.usersAfter(key, order, after, f, limit),
        key, render, "admin#directory#users", "users");
  }

  private Response listGroups(Map<String, String> q) {
    String customer = q.get("customer");
    String domain = q.get("domain");
    String userKey = q.get("userKey");
    if (customer != null && userKey != null) {
      return Response.error(GoogleError.BAD_REQUEST);
    }
    if (customer != null && domain == null && !customer.equals("my_customer") && !customer.equals(dir.customerId())) {
      return Response.error(GoogleError.BAD_REQUEST);
    }
    Integer max = maxResults(q, 200, 200, true);
    if (max == null) {
      return Response.error(GoogleError.INVALID_MAX_RESULTS);
    }
    Predicate<GoogleGroup> filter = g -> true;
    if (domain != null) {
      String suffix = "@" + domain.toLowerCase(Locale.ROOT);
      filter = filter.and(g -> g.email().toLowerCase(Locale.ROOT).endsWith(suffix));
    }
    Predicate<GoogleGroup> f = filter;
    BiFunction<String, Integer, List<GoogleGroup>> fetch = (after, limit) -> dir.groupsAfter(after, f, limit);
    if (userKey != null) {
      String memberId = dir.findUser(userKey).map(GoogleUser::id)
          .or(() -> dir.findGroup(userKey).map(GoogleGroup::id)).orElse(null);
      if (memberId == null) {
        return notFound("userKey");
      }
      fetch = (after, limit) -> dir.groupsOfAfter(memberId, after, f, limit);
    }
    return listing.page(Resource.GROUPS, q, max, fetch,
        GoogleDirectory::groupKey, g -> GoogleJson.group(g, dir.directMembersCount(g.id())),
        "admin#directory#groups", "groups");
  }

  private Response listMembers(String groupKey, Map<String, String> q) {
    GoogleGroup group = dir.findGroup(groupKey).orElse(null);
    if (group == null) {
      return Response.error(GoogleError.GROUP_NOT_FOUND);
    }
    Integer max = maxResults(q, 200, 200, true);
    if (max == null) {
      return Response.error(GoogleError.INVALID_MAX_RESULTS);
    }
    boolean derived = "true".equalsIgnoreCase(q.get("includeDerivedMembership"));
    Set<String> roles = q.containsKey("roles")
        ? Arrays.stream(q.get("roles").split(",")).map(String::trim).map(s -> s.toUpperCase(Locale.ROOT))
            .collect(Collectors.toSet())
        : Set.of("OWNER", "MANAGER", "MEMBER");
    return listing.page(Resource.MEMBERS, q, max,
        (after, limit) -> dir.membersAfter(group.id(), derived, faults.nestingLag(), after,
            m -> roles.contains(m.role()), limit),
        GoogleDirectory.ListedMember::sortKey, GoogleJson::member, "admin#directory#members", "members");
  }

  private static GoogleJson.Projection projection(Map<String, String> q) {
    String p = q.getOrDefault("projection", "basic");
    return GoogleJson.Projection.valueOf(p.toUpperCase(Locale.ROOT));
  }

  private static Set<String> mask(Map<String, String> q) {
    String m = q.get("customFieldMask");
    return m == null || m.isBlank() ? Set.of()
        : Arrays.stream(m.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** maxResults or its default; null when out of range (or clamped to {@code max} if {@code clamp}). */
  private static Integer maxResults(Map<String, String> q, int dflt, int max, boolean clamp) {
    String v = q.get("maxResults");
    if (v == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1) {
        return null;
      }
      if (n > max) {
        return clamp ? max : null;
      }
      return n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Response notFound(String what) {
    String body = "{\"error\":{\"errors\":[{\"domain\":\"global\",\"reason\":\"notFound\",\"message\":"
        + "\"Resource Not Found: " + what + "\"}],\"code\":404,\"message\":\"Resource Not Found: " + what + "\"}}";
    return new Response(404, body, Map.of(), -1);
  }

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
