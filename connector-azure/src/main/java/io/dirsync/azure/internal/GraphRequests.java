package io.dirsync.azure.internal;

import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import java.util.List;

/**
 * The requests the connector makes, built with the SDK's request builders. Links returned by Graph
 * are used verbatim ({@code withUrl}); only the headers Graph does not carry into links are added.
 */
final class GraphRequests {

  private static final int TOP = 999;

  private final GraphServiceClient graph;
  private final String graphBase;
  private final String userFilter;

  GraphRequests(GraphServiceClient graph, String graphBase, String userFilter) {
    this.graph = graph;
    this.graphBase = graphBase;
    this.userFilter = userFilter;
  }

  RequestInformation users(List<String> select, int top) {
    return graph.users().toGetRequestInformation(rc -> {
      rc.queryParameters.select = select.toArray(String[]::new);
      rc.queryParameters.top = top;
      rc.queryParameters.expand = new String[] {"manager($select=id)"};
      if (userFilter != null) {
        rc.queryParameters.filter = userFilter;
        rc.queryParameters.count = true;
        rc.headers.add("ConsistencyLevel", "eventual");
      }
    });
  }

  RequestInformation users(List<String> select) {
    return users(select, TOP);
  }

  RequestInformation usersLink(String link) {
    return graph.users().withUrl(link).toGetRequestInformation(rc -> {
      if (userFilter != null) {
        rc.headers.add("ConsistencyLevel", "eventual");
      }
    });
  }

  RequestInformation groups() {
    return graph.groups().toGetRequestInformation(rc -> {
      rc.queryParameters.select = GroupMapping.SELECT.toArray(String[]::new);
      rc.queryParameters.top = TOP;
    });
  }

  RequestInformation groupsNamed(String displayName) {
    return graph.groups().toGetRequestInformation(rc -> {
      rc.queryParameters.select = GroupMapping.SELECT.toArray(String[]::new);
      rc.queryParameters.filter = "displayName eq '" + displayName.replace("'", "''") + "'";
    });
  }

  RequestInformation group(String id) {
    return graph.groups().byGroupId(id).toGetRequestInformation(rc ->
        rc.queryParameters.select = GroupMapping.SELECT.toArray(String[]::new));
  }

  RequestInformation groupsLink(String link) {
    return graph.groups().withUrl(link).toGetRequestInformation();
  }

  /** Direct members, or all nested members when {@code transitive}; only ids (and their type) are read. */
  RequestInformation members(String groupId, boolean transitive) {
    var item = graph.groups().byGroupId(groupId);
    return transitive
        ? item.transitiveMembers().toGetRequestInformation(rc -> {
          rc.queryParameters.select = new String[] {"id"};
          rc.queryParameters.top = TOP;
        })
        : item.members().toGetRequestInformation(rc -> {
          rc.queryParameters.select = new String[] {"id"};
          rc.queryParameters.top = TOP;
        });
  }

  RequestInformation membersLink(String groupId, String link) {
    return graph.groups().byGroupId(groupId).members().withUrl(link).toGetRequestInformation();
  }

  /** A delta round that starts now: no data, only a deltaLink ({@code $deltatoken=latest}). */
  RequestInformation usersDeltaFromNow(List<String> select) {
    return graph.users().delta().withUrl(graphBase + "/users/delta?$select=" + String.join(",", select)
        + "&$deltatoken=latest").toGetRequestInformation();
  }

  RequestInformation groupsDeltaFromNow() {
    return graph.groups().delta().withUrl(graphBase + "/groups/delta?$select="
        + String.join(",", GroupMapping.DELTA_SELECT) + "&$deltatoken=latest").toGetRequestInformation();
  }

  RequestInformation usersDeltaLink(String link) {
    return graph.users().delta().withUrl(link).toGetRequestInformation();
  }

  RequestInformation groupsDeltaLink(String link) {
    return graph.groups().delta().withUrl(link).toGetRequestInformation();
  }
}
