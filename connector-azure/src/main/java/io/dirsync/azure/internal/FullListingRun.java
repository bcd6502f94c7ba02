package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.kiota.ApiException;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.ConcurrentListing;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.FullListingSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One full listing: users, then groups, then the members of the groups (several groups at once,
 * {@link ConcurrentListing}), every page to its end, pushed to the sink page by page from the calling
 * thread. With a groups scope only those groups and their transitive user members are listed.
 */
final class FullListingRun {

  private static final Logger LOG = LoggerFactory.getLogger(FullListingRun.class);

  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

  private final GraphReader reader;
  private final GraphRequests requests;
  private final UserMapping users;
  private final NestedGroups nesting;
  private final List<String> scope;
  private final Pager pager;
  private final ConcurrentListing<Membership> memberListing;
  private long userCount;
  private long groupCount;
  private long membershipCount;

  /** @param memberListing lists the members of several groups at once ({@code maxConcurrency}) */
  FullListingRun(GraphReader reader, GraphRequests requests, UserMapping users, NestedGroups nesting,
      List<String> scope, ConcurrentListing<Membership> memberListing) {
    this.reader = reader;
    this.requests = requests;
    this.users = users;
    this.nesting = nesting;
    this.scope = scope;
    this.pager = new Pager(reader);
    this.memberListing = memberListing;
  }

  void run(FullListingSink sink) throws ConnectorException, InterruptedException {
    Map<String, Group> scopedGroups = scope == null ? null : resolveScope();
    Set<String> scopedUsers = scopedGroups == null ? null : scopedUsers(scopedGroups.keySet());

    pager.drain(requests.users(users.select()), requests::usersLink, "users", (page, i) -> {
      List<User> out = new ArrayList<>();
      for (JsonNode u : page.get("value")) {
        if (scopedUsers == null || scopedUsers.contains(u.path("id").asText())) {
          out.add(users.fromList(u));
        }
      }
      userCount += out.size();
      sink.users(out);
    });

    List<String> groupIds = new ArrayList<>();
    if (scopedGroups != null) {
      groupIds.addAll(scopedGroups.keySet());
      groupCount = groupIds.size();
      sink.groups(List.copyOf(scopedGroups.values()));
    } else {
      pager.drain(requests.groups(), requests::groupsLink, "groups", (page, i) -> {
        List<Group> out = new ArrayList<>();
        for (JsonNode g : page.get("value")) {
          Group group = GroupMapping.fromList(g);
          out.add(group);
          groupIds.add(group.id());
        }
        groupCount += out.size();
        sink.groups(out);
      });
    }

    boolean flatten = nesting == NestedGroups.FLATTEN;
    memberListing.listAll(groupIds, (groupId, out) -> membersUnlessDeleted(groupId, flatten, out), page -> {
      membershipCount += page.size();
      sink.memberships(page);
    });
  }

  /** Runs on a member listing worker. */
  private void membersUnlessDeleted(String groupId, boolean flatten, ConcurrentListing.PageOut<Membership> out)
      throws ConnectorException, InterruptedException {
    try {
      members(groupId, flatten, out);
    } catch (ConnectorException e) {
      if (!notFound(e) || stillThere(groupId)) {
        throw e;
      }
      // Deleted since the groups were listed: its members are gone with it; the next run sees the deletion.
      LOG.warn("group {} was deleted during the listing; its members are skipped", groupId);
    }
  }

  private static boolean notFound(ConnectorException e) {
    return e.getCause() instanceof ApiException api && api.getResponseStatusCode() == 404;
  }

  /** Asks for the group itself, so a 404 for some other reason never passes for a deletion. */
  private boolean stillThere(String groupId) throws ConnectorException, InterruptedException {
    try {
      reader.read(requests.group(groupId), "group " + groupId);
      return true;
    } catch (ConnectorException e) {
      if (notFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** The user members, and with {@code !flatten} the group members, of one group, page by page. */
  private void members(String groupId, boolean flatten, ConcurrentListing.PageOut<Membership> out)
      throws ConnectorException, InterruptedException {
    pager.drain(requests.members(groupId, flatten), link -> requests.membersLink(groupId, link),
        "members of group " + groupId, (page, i) -> {
          List<Membership> memberships = new ArrayList<>();
          for (JsonNode m : page.get("value")) {
            MemberType type = GroupMapping.memberType(m);
            if (type == MemberType.USER || type == MemberType.GROUP && !flatten) {
              memberships.add(new Membership(groupId, m.path("id").asText(), type));
            }
          }
          out.page(memberships);
        });
  }

  /** Counts for the log line: never names or payloads. */
  String summary() {
    return userCount + " users, " + groupCount + " groups, " + membershipCount + " memberships";
  }

  private Map<String, Group> resolveScope() throws ConnectorException, InterruptedException {
    Map<String, Group> groups = new LinkedHashMap<>();
    for (int i = 0; i < scope.size(); i++) {
      String ref = scope.get(i);
      if (GUID.matcher(ref).matches()) {
        Group g = GroupMapping.fromList(reader.read(requests.group(ref), "group " + ref + " (groups[" + i + "])"));
        groups.put(g.id(), g);
        continue;
      }
      JsonNode found = reader.page(requests.groupsNamed(ref), "group named '" + ref + "'").get("value");
      if (found.size() != 1) {
        throw new ConnectorException(ConnectorException.Kind.MISCONFIGURED, "groups[" + i + "]: " + found.size()
            + " groups are named '" + ref + "'; name exactly one, or use the group's id");
      }
      Group g = GroupMapping.fromList(found.get(0));
      groups.put(g.id(), g);
    }
    return groups;
  }

  private Set<String> scopedUsers(Set<String> groupIds) throws ConnectorException, InterruptedException {
    Set<String> ids = new HashSet<>();
    memberListing.listAll(List.copyOf(groupIds), (groupId, out) -> members(groupId, true, out),
        page -> page.forEach(m -> ids.add(m.memberId())));
    return ids;
  }
}
