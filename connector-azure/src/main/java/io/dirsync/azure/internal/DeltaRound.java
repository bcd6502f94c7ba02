package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.core.spi.DeltaSink;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.MembershipChange;
import io.dirsync.core.spi.UserChange;
import java.util.ArrayList;
import java.util.List;

/**
 * One delta round of users and one of groups, each drained from its saved deltaLink through the
 * next links to a new deltaLink. Pages go to the sink as they arrive; a group repeated across pages
 * (a large group with slices of {@code members@delta}) arrives each time with its slice.
 */
final class DeltaRound {

  private final Pager pager;
  private final GraphRequests requests;
  private final UserMapping users;
  private long userEntries;
  private long groupEntries;
  private long memberEntries;

  DeltaRound(GraphReader reader, GraphRequests requests, UserMapping users) {
    this.pager = new Pager(reader);
    this.requests = requests;
    this.users = users;
  }

  /** @return the new users deltaLink */
  String users(String deltaLink, DeltaSink sink) throws ConnectorException, InterruptedException {
    String next = pager.drain(requests.usersDeltaLink(deltaLink), requests::usersDeltaLink, "users delta",
        (page, i) -> {
          List<UserChange> out = new ArrayList<>();
          for (JsonNode u : page.get("value")) {
            out.add(users.fromDelta(u));
          }
          userEntries += out.size();
          sink.userChanges(out);
        });
    return requireDeltaLink(next, "users");
  }

  /** @return the new groups deltaLink */
  String groups(String deltaLink, DeltaSink sink) throws ConnectorException, InterruptedException {
    String next = pager.drain(requests.groupsDeltaLink(deltaLink), requests::groupsDeltaLink, "groups delta",
        (page, i) -> {
          List<GroupChange> groups = new ArrayList<>();
          List<MembershipChange> members = new ArrayList<>();
          for (JsonNode g : page.get("value")) {
            groups.add(GroupMapping.fromDelta(g));
            GroupMapping.memberChanges(g, members);
          }
          groupEntries += groups.size();
          memberEntries += members.size();
          sink.groupChanges(groups);
          sink.membershipChanges(members);
        });
    return requireDeltaLink(next, "groups");
  }

  /** Counts for the log line. */
  String summary() {
    return userEntries + " user entries, " + groupEntries + " group entries, " + memberEntries + " member changes";
  }

  private static String requireDeltaLink(String link, String what) throws ConnectorException {
    if (link == null) {
      throw new ConnectorException(Kind.TRANSIENT, "the " + what + " delta round ended without a deltaLink");
    }
    return link;
  }
}
