package io.dirsync.emulator.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code /users/delta} and {@code /groups/delta} as a change log. The first round is a snapshot;
 * every later round, started from a delta token, holds exactly the changes made after the token
 * was issued. A round is computed when it starts (changes made while it is paged go to the next
 * one) and served in pages linked by {@code @odata.nextLink}; only the last page carries the
 * {@code @odata.deltaLink}. Tokens expire on the emulator clock.
 */
final class DeltaEndpoints {

  private record DeltaToken(String resource, String pathForm, List<String> select, String filter,
      long since, Instant issuedAt) {
  }

  private static final class Round {
    final String resource;
    final String pathForm;
    final List<Map<String, Object>> entries;
    final String context;
    final int pageSize;
    final String deltaToken;
    final String[] skipTokens;

    final int emptyPages;

    Round(String resource, String pathForm, List<Map<String, Object>> entries, String context, int pageSize,
        String deltaToken, boolean emptyFirstPage) {
      this.resource = resource;
      this.pathForm = pathForm;
      this.entries = entries;
      this.context = context;
      this.pageSize = pageSize;
      this.deltaToken = deltaToken;
      this.emptyPages = emptyFirstPage ? 1 : 0;
      this.skipTokens = new String[emptyPages + Math.max(1, (entries.size() + pageSize - 1) / pageSize)];
    }

    int pages() {
      return skipTokens.length;
    }
  }

  private record PageRef(Round round, int page) {
  }

  private final GraphDirectory directory;
  private final GraphErrors errors;
  private final GraphFaults faults;
  private final EmulatorSettings settings;
  private final EmulatorClock clock;
  private final Random random;
  private final TokenStore<DeltaToken> deltaTokens = new TokenStore<>("", 50_000);
  private final TokenStore<PageRef> skipTokens = new TokenStore<>("", 50_000);

  DeltaEndpoints(GraphDirectory directory, GraphErrors errors, GraphFaults faults, EmulatorSettings settings,
      EmulatorClock clock) {
    this.directory = directory;
    this.errors = errors;
    this.faults = faults;
    this.settings = settings;
    this.clock = clock;
    this.random = new Random(settings.seed());
  }

  /**
   * @param resource {@code users} or {@code groups}
   * @param pathForm the path as requested ({@code /v1.0/users/delta()}), kept in every link
   */
  GraphResponse delta(String origin, String resource, String pathForm, GraphQuery q, Map<String, String> headers) {
    boolean minimal = String.valueOf(headers.get("Prefer")).contains("return=minimal");
    String skip = q.get("$skiptoken");
    String delta = q.get("$deltatoken");
    if (skip != null) {
      onlyOption(q, "$skiptoken");
      PageRef ref = skipTokens.find(skip);
      if (ref == null) {
        return expired(origin, pathForm, null);
      }
      if (!ref.round().resource.equals(resource) || !ref.round().pathForm.equals(pathForm)) {
        throw errors.badRequest("The $skiptoken was issued for " + ref.round().pathForm + ", not for " + pathForm + ".");
      }
      return page(origin, ref.round(), ref.page());
    }
    if (delta != null && !delta.isEmpty() && !delta.equals("latest")) {
      onlyOption(q, "$deltatoken");
      DeltaToken token = deltaTokens.find(delta);
      if (token == null || !token.resource().equals(resource)) {
        return expired(origin, pathForm, null);
      }
      if (faults.takeReset()) {
        return GraphErrors.resyncRequired().withHeader("Location", initialLink(origin, token));
      }
      Duration lifetime = settings.deltaTokenLifetime();
      if (faults.allDeltaTokensExpired()
          || lifetime != null && clock.instant().isAfter(token.issuedAt().plus(lifetime))) {
        return expired(origin, pathForm, token);
      }
      return page(origin, startRound(origin, token, minimal), 0);
    }
    for (String option : List.of("$orderby", "$expand", "$search", "$count")) {
      if (q.has(option)) {
        throw errors.unsupportedQuery("The query option '" + option + "' is not supported with delta query.");
      }
    }
    List<String> select = q.select();
    if (select != null) {
      for (String p : select) {
        boolean known = resource.equals("users") ? GraphSchema.isUserProperty(p) || p.equals(GraphSchema.MANAGER)
            : GraphSchema.isGroupProperty(p) || p.equals(GraphSchema.MEMBERS);
        if (!known) {
          throw errors.badRequest("Could not find a property named '" + p + "' on type 'microsoft.graph."
              + (resource.equals("users") ? "user" : "group") + "'.");
        }
      }
    }
    String filter = q.get("$filter");
    if (filter != null) {
      idFilter(filter);
    }
    if ("latest".equals(delta)) {
      DeltaToken now = new DeltaToken(resource, pathForm, select, filter,
          directory.visibleSeq(settings.replicationDelay()), clock.instant());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("@odata.context", origin + "/v1.0/$metadata#" + resource);
      body.put("@odata.deltaLink", origin + pathForm + "?$deltatoken=" + deltaTokens.issue(now));
      body.put("value", List.of());
      return GraphResponse.ok(body);
    }
    return page(origin, startRound(origin, new DeltaToken(resource, pathForm, select, filter, -1, clock.instant()),
        minimal), 0);
  }

  private void onlyOption(GraphQuery q, String option) {
    if (q.all().size() > 1) {
      throw errors.badRequest("Query options cannot be added to a delta link or next link; follow the link "
          + "as returned (found " + String.join(", ", q.all().keySet()) + ").");
    }
  }

  private Set<String> idFilter(String filter) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (String clause : filter.split("(?i)\\s+or\\s+")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*id\\s+eq\\s+'([^']+)'\\s*$").matcher(clause);
      if (!m.matches()) {
        throw errors.unsupportedQuery("Delta query only supports $filter=id eq '...' clauses joined by 'or'.");
      }
      ids.add(m.group(1));
    }
    if (ids.size() > 50) {
      throw errors.unsupportedQuery("Delta query supports at most 50 id clauses in $filter.");
    }
    return ids;
  }

  private GraphResponse expired(String origin, String pathForm, DeltaToken token) {
    return switch (faults.deltaExpiry()) {
      case BAD_REQUEST_SYNC_STATE_NOT_FOUND -> GraphErrors.syncStateNotFound(400, "syncStateNotFound");
      case GONE_SYNC_STATE_NOT_FOUND -> GraphErrors.syncStateNotFound(410, "SyncStateNotFound");
      case RESYNC_REQUIRED -> GraphErrors.resyncRequired();
      case GONE_WITH_LOCATION -> GraphErrors.resyncRequired().withHeader("Location",
          token == null ? origin + pathForm + "?$deltatoken=" : initialLink(origin, token));
    };
  }

  private static String initialLink(String origin, DeltaToken token) {
    List<String> parts = new ArrayList<>();
    if (token.select() != null) {
      parts.add("$select=" + GraphQuery.encode(String.join(",", token.select())));
    }
    if (token.filter() != null) {
      parts.add("$filter=" + GraphQuery.encode(token.filter()));
    }
    parts.add("$deltatoken=");
    return origin + token.pathForm() + "?" + String.join("&", parts);
  }

  private Round startRound(String origin, DeltaToken token, boolean minimal) {
    List<Map<String, Object>> entries;
    long snapshot;
    synchronized (directory) {
      snapshot = Math.max(token.since(), directory.visibleSeq(settings.replicationDelay()));
      entries = token.resource().equals("users") ? userEntries(token, minimal, snapshot)
          : groupEntries(token, minimal, snapshot);
    }
    if (settings.shuffleDelta()) {
      synchronized (random) {
        Collections.shuffle(entries, random);
      }
    }
    if (settings.replayDelta() && !entries.isEmpty()) {
      entries.addAll(entries.subList(0, Math.min(3, entries.size())));
    }
    DeltaToken next = new DeltaToken(token.resource(), token.pathForm(), token.select(), token.filter(), snapshot,
        clock.instant());
    String context = origin + "/v1.0/$metadata#" + token.resource()
        + (token.select() == null ? "" : "(" + String.join(",", token.select()) + ")");
    return new Round(token.resource(), token.pathForm(), entries, context, settings.deltaPageSize(),
        deltaTokens.issue(next), settings.emptyFirstDeltaPage());
  }

  private GraphResponse page(String origin, Round round, int page) {
    int failure = faults.pageFailure(round.resource + "/delta", page);
    if (failure != 0) {
      throw new GraphErrors.Failure(errors.serverError(failure));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("@odata.context", page == 0 ? round.context : origin + "/v1.0/$metadata#" + round.resource);
    if (page + 1 < round.pages()) {
      String token;
      synchronized (round) {
        if (round.skipTokens[page + 1] == null) {
          round.skipTokens[page + 1] = skipTokens.issue(new PageRef(round, page + 1));
        }
        token = round.skipTokens[page + 1];
      }
      body.put("@odata.nextLink", origin + round.pathForm + "?$skiptoken=" + token);
    } else {
      body.put("@odata.deltaLink", origin + round.pathForm + "?$deltatoken=" + round.deltaToken);
    }
    int from = (page - round.emptyPages) * round.pageSize;
    List<Map<String, Object>> value = page < round.emptyPages ? List.of()
        : round.entries.subList(Math.min(from, round.entries.size()), Math.min(from + round.pageSize, round.entries.size()));
    if (!faults.dropsValue(round.resource + "/delta", page)) {
      body.put("value", value);
    }
    return GraphResponse.ok(body);
  }

  private List<Map<String, Object>> userEntries(DeltaToken token, boolean minimal, long snapshot) {
    List<String> props = token.select() == null ? GraphSchema.USER_DEFAULTS : token.select();
    Predicate<GraphObject> inScope = scope(token);
    List<Map<String, Object>> out = new ArrayList<>();
    for (GraphObject o : directory.all()) {
      if (o.kind == GraphObject.Kind.USER && inScope.test(o) && o.lastChange() <= snapshot) {
        Map<String, Object> e = entry(o, token.since(), props, minimal);
        if (e != null) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private List<Map<String, Object>> groupEntries(DeltaToken token, boolean minimal, long snapshot) {
    List<String> props = token.select() == null ? GraphSchema.GROUP_DELTA_DEFAULTS : token.select();
    boolean tracksMembers = token.select() == null || token.select().contains(GraphSchema.MEMBERS);
    Map<String, Map<String, Boolean>> memberChanges = new LinkedHashMap<>();
    if (token.since() >= 0 && tracksMembers) {
      for (GraphDirectory.MemberEvent e : directory.memberEventsAfter(token.since())) {
        if (e.seq() > snapshot) {
          break;
        }
        memberChanges.computeIfAbsent(e.groupId(), g -> new LinkedHashMap<>()).put(e.memberId(), e.added());
      }
    }
    Predicate<GraphObject> inScope = scope(token);
    List<Map<String, Object>> out = new ArrayList<>();
    for (GraphObject g : directory.all()) {
      if (g.kind != GraphObject.Kind.GROUP || !inScope.test(g) || g.lastChange() > snapshot) {
        continue;
      }
      Map<String, Object> e = entry(g, token.since(), props, minimal);
      boolean whole = g.active() && (token.since() < 0 || g.createdSeq > token.since()
          || g.restoredSeq > token.since());
      List<Map<String, Object>> members = new ArrayList<>();
      if (g.active() && tracksMembers) {
        if (whole) {
          for (String m : directory.membersOf(g.id)) {
            members.add(memberRef(directory.find(m), false));
          }
        } else {
          memberChanges.getOrDefault(g.id, Map.of()).forEach((m, added) -> members.add(memberRef(directory.find(m), !added)));
        }
      }
      if (e == null && members.isEmpty()) {
        continue;
      }
      if (e == null) {
        e = minimal ? new LinkedHashMap<>(Map.of("id", g.id)) : GraphSchema.deltaItem(g, props, -1);
      }
      if (members.isEmpty()) {
        out.add(e);
        continue;
      }
      int slice = settings.membersPerDeltaEntry();
      for (int i = 0; i < members.size(); i += slice) {
        Map<String, Object> part = new LinkedHashMap<>(e);
        part.put("members@delta", List.copyOf(members.subList(i, Math.min(i + slice, members.size()))));
        out.add(part);
      }
    }
    return out;
  }

  /** The entry for one object in a round since {@code since} (-1: initial), or null if unchanged. */
  private static Map<String, Object> entry(GraphObject o, long since, List<String> props, boolean minimal) {
    switch (o.state) {
      case HARD_DELETED:
        return o.stateSeq > since ? removed(o.id, "deleted") : null;
      case SOFT_DELETED:
        return o.stateSeq > since ? removed(o.id, "changed") : null;
      default:
        if (since < 0 || o.createdSeq > since || o.restoredSeq > since) {
          return GraphSchema.deltaItem(o, props, -1);
        }
        boolean changed = props.stream().anyMatch(p -> !p.equals("id") && o.version(p) > since);
        if (!changed) {
          return null;
        }
        return GraphSchema.deltaItem(o, props, minimal ? since : -1);
    }
  }

  private static Map<String, Object> removed(String id, String reason) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("id", id);
    e.put("@removed", Map.of("reason", reason));
    return e;
  }

  private static Map<String, Object> memberRef(GraphObject m, boolean removed) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("@odata.type", m.kind.odataType);
    ref.put("id", m.id);
    if (removed) {
      ref.put("@removed", Map.of("reason", "deleted"));
    }
    return ref;
  }

  private Predicate<GraphObject> scope(DeltaToken token) {
    if (token.filter() == null) {
      return o -> true;
    }
    Set<String> ids = idFilter(token.filter());
    return o -> ids.contains(o.id);
  }
}
