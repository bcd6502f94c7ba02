package io.dirsync.emulator.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code GET /users}, {@code /groups}, {@code /groups/{id}/members} and
 * {@code /groups/{id}/transitiveMembers}: server-side page sizes, opaque {@code $skiptoken}s bound
 * to the original query, absolute {@code @odata.nextLink}s back to the emulator, the {@code $top},
 * {@code $count}, {@code $search} and {@code $filter} rules of Graph, and page faults.
 */
final class ListEndpoints {

  private record PageState(String path, String canonicalQuery, List<String> ids, int offset, int page,
      int pageSize, List<String> properties, String context, boolean expandManager, boolean advancedOnly) {
  }

  private final GraphDirectory directory;
  private final GraphErrors errors;
  private final GraphFaults faults;
  private final EmulatorSettings settings;
  private final TokenStore<PageState> tokens = new TokenStore<>("RFNwdAIAAQAAAD8", 20_000);

  ListEndpoints(GraphDirectory directory, GraphErrors errors, GraphFaults faults, EmulatorSettings settings) {
    this.directory = directory;
    this.errors = errors;
    this.faults = faults;
    this.settings = settings;
  }

  /**
   * @param resource {@code users}, {@code groups} or {@code members} (page faults name it)
   * @param groupId the group of a members listing, else null
   */
  GraphResponse list(String origin, String path, String resource, String groupId, boolean transitive,
      GraphQuery q, Map<String, String> headers) {
    String skip = q.get("$skiptoken");
    PageState state;
    if (skip != null) {
      state = tokens.find(skip);
      if (state == null) {
        throw errors.fail(400, "Directory_ExpiredPageToken",
            "The specified page token value has expired and can no longer be included in your request.");
      }
      if (!state.path().equals(path) || !state.canonicalQuery().equals(q.canonicalWithout("$skiptoken"))) {
        throw errors.badRequest("The $skiptoken does not belong to this request: its query options differ.");
      }
      if (state.advancedOnly() && !advanced(q, headers)) {
        // Graph does not carry ConsistencyLevel into next links: the client must send it again.
        throw errors.unsupportedQuery("The next page of an advanced query needs the 'ConsistencyLevel: eventual' "
            + "header again. Refer to https://aka.ms/graph-docs/advanced-queries for more information");
      }
    } else {
      state = firstPage(origin, path, resource, groupId, transitive, q, headers);
    }
    int failure = faults.pageFailure(resource, state.page());
    if (failure != 0) {
      throw new GraphErrors.Failure(errors.serverError(failure));
    }

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", state.context());
    if (state.page() == 0 && "true".equals(q.get("$count")) && advanced(q, headers)) {
      body.put("@odata.count", state.ids().size());
    }
    int end = Math.min(state.offset() + state.pageSize(), state.ids().size());
    List<Map<String, Object>> value = new ArrayList<>();
    synchronized (directory) {
      for (String id : state.ids().subList(state.offset(), end)) {
        GraphObject o = directory.find(id);
        if (o != null && o.active()) {
          Map<String, Object> item = render(o, state.properties(), groupId != null);
          if (state.expandManager() && o.get(GraphSchema.MANAGER) != null) {
            item.put(GraphSchema.MANAGER, GraphSchema.managerRef(o.get(GraphSchema.MANAGER)));
          }
          value.add(item);
        }
      }
    }
    if (end < state.ids().size()) {
      PageState next = new PageState(state.path(), state.canonicalQuery(), state.ids(), end, state.page() + 1,
          state.pageSize(), state.properties(), state.context(), state.expandManager(), state.advancedOnly());
      String rest = q.encoded("$skiptoken");
      body.put("@odata.nextLink", origin + path + "?" + (rest.isEmpty() ? "" : rest + "&")
          + "$skiptoken=" + tokens.issue(next));
    }
    if (!faults.dropsValue(resource, state.page())) {
      body.put("value", value);
    }
    return GraphResponse.ok(body);
  }

  private PageState firstPage(String origin, String path, String resource, String groupId, boolean transitive,
      GraphQuery q, Map<String, String> headers) {
    if (q.has("$skip")) {
      throw errors.badRequest("'$skip' is not supported by the service.");
    }
    boolean members = groupId != null;
    boolean advanced = advanced(q, headers);
    if (q.has("$search") && !"eventual".equalsIgnoreCase(headers.get("ConsistencyLevel"))) {
      throw errors.unsupportedQuery("Request with $search query parameter only works through MSGraph with a "
          + "special request header: 'ConsistencyLevel: eventual'");
    }
    int pageSize = 100;
    if (q.has("$top")) {
      int top;
      try {
        top = Integer.parseInt(q.get("$top"));
      } catch (NumberFormatException e) {
        throw errors.badRequest("Invalid $top value '" + q.get("$top") + "'.");
      }
      if (top < 1 || top > 999) {
        throw errors.unsupportedQuery("Invalid page size specified: '" + top + "'. Must be between 1 and 999 inclusive.");
      }
      pageSize = top;
    }
    pageSize = Math.min(pageSize, settings.listPageCap());

    boolean groups = resource.equals("groups");
    List<String> select = q.select();
    List<String> properties;
    if (select == null) {
      properties = members ? List.of("id", "displayName", "mail", "userPrincipalName")
          : groups ? GraphSchema.GROUP_DEFAULTS : GraphSchema.USER_DEFAULTS;
    } else {
      for (String p : select) {
        boolean known = members ? GraphSchema.isUserProperty(p) || GraphSchema.isGroupProperty(p)
            : groups ? GraphSchema.isGroupProperty(p) : GraphSchema.isUserProperty(p);
        if (!known) {
          throw errors.badRequest("Could not find a property named '" + p + "' on type 'microsoft.graph."
              + (members ? "directoryObject" : groups ? "group" : "user") + "'.");
        }
      }
      properties = select;
    }
    boolean expandManager = false;
    if (q.has("$expand")) {
      String expand = q.get("$expand");
      if (members || groups || !(expand.equals("manager") || expand.startsWith("manager("))) {
        throw errors.badRequest("Could not find a navigation property named '" + expand.split("\\(")[0]
            + "' that can be expanded here.");
      }
      expandManager = true;
    }
    Predicate<GraphObject> filter = o -> true;
    boolean advancedOnly = q.has("$search");
    if (q.has("$filter")) {
      filter = GraphFilter.parse(q.get("$filter"), groups ? "Group" : "User", advanced, errors);
      advancedOnly |= GraphFilter.needsAdvanced(q.get("$filter"), groups ? "Group" : "User", errors);
    }

    List<String> ids = new ArrayList<>();
    synchronized (directory) {
      long visible = directory.visibleSeq(settings.replicationDelay());
      filter = filter.and(o -> o.createdSeq <= visible);
      if (members) {
        GraphObject g = directory.find(groupId);
        if (g == null || !g.active() || g.kind != GraphObject.Kind.GROUP) {
          throw errors.fail(404, "Request_ResourceNotFound", "Resource '" + groupId
              + "' does not exist or one of its queried reference-property objects are not present.");
        }
        List<String> all = transitive ? directory.transitiveMembersOf(groupId) : new ArrayList<>(directory.membersOf(groupId));
        for (String id : all) {
          GraphObject o = directory.find(id);
          if (o.active() && filter.test(o)) {
            ids.add(id);
          }
        }
      } else {
        GraphObject.Kind kind = groups ? GraphObject.Kind.GROUP : GraphObject.Kind.USER;
        for (GraphObject o : directory.all()) {
          if (o.kind == kind && o.active() && filter.test(o)) {
            ids.add(o.id);
          }
        }
      }
    }
    String context = origin + "/v1.0/$metadata#" + (members ? "directoryObjects" : resource)
        + (select == null || members ? "" : "(" + String.join(",", select) + ")");
    return new PageState(path, q.canonicalWithout("$skiptoken"), List.copyOf(ids), 0, 0, pageSize, properties, context,
        expandManager, advancedOnly);
  }

  private static Map<String, Object> render(GraphObject o, List<String> properties, boolean withType) {
    Map<String, Object> item = new LinkedHashMap<>();
    if (withType) {
      item.put("@odata.type", o.kind.odataType);
      item.put("id", o.id);
    }
    item.putAll(GraphSchema.listItem(o, properties));
    return item;
  }

  private static boolean advanced(GraphQuery q, Map<String, String> headers) {
    return "eventual".equalsIgnoreCase(headers.get("ConsistencyLevel")) && "true".equals(q.get("$count"));
  }
}
