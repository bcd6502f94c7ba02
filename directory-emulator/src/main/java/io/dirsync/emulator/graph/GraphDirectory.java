package io.dirsync.emulator.graph;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The emulated tenant: objects, group memberships and a change log numbered by one sequence.
 * Every mutation takes the next sequence number; a delta token remembers the number it was issued
 * at, so a later round returns exactly what changed after it. All methods lock {@code this};
 * readers that need a consistent view across calls synchronize on the directory themselves.
 */
final class GraphDirectory {

  /** A member added to or removed from a group at {@code seq}. */
  record MemberEvent(long seq, String groupId, String memberId, boolean added) {
  }

  private final Supplier<UUID> ids;
  private final Clock clock;
  /** When each sequence number was taken, on the emulator clock; index 0 is the empty tenant. */
  private final List<Instant> times = new ArrayList<>();
  private final Map<String, GraphObject> objects = new LinkedHashMap<>();
  private final Map<String, LinkedHashSet<String>> members = new HashMap<>();
  private final List<MemberEvent> memberLog = new ArrayList<>();
  private long seq;

  GraphDirectory(Supplier<UUID> ids, Clock clock) {
    this.ids = ids;
    this.clock = clock;
    times.add(Instant.MIN);
  }

  private long next() {
    times.add(clock.instant());
    return ++seq;
  }

  /**
   * The newest sequence number whose change is at least {@code delay} old: what has replicated to
   * the lists and delta rounds. Changes after it are not visible yet.
   */
  synchronized long visibleSeq(Duration delay) {
    if (delay.isZero()) {
      return seq;
    }
    Instant cutoff = clock.instant().minus(delay);
    int lo = 0;
    int hi = times.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (!times.get(mid).isAfter(cutoff)) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  synchronized long seq() {
    return seq;
  }

  synchronized String create(GraphObject.Kind kind, Map<String, ?> props) {
    long s = next();
    GraphObject o = new GraphObject(ids.get().toString(), kind, s);
    props.forEach((k, v) -> o.set(k, v, s));
    objects.put(o.id, o);
    if (kind == GraphObject.Kind.GROUP) {
      members.put(o.id, new LinkedHashSet<>());
    }
    return o.id;
  }

  /** Sets properties; a null value clears one. Properties whose value does not change are not touched. */
  synchronized void update(String id, Map<String, ?> changes) {
    GraphObject o = live(id);
    long s = seq + 1;
    boolean changed = false;
    for (Map.Entry<String, ?> e : changes.entrySet()) {
      if (!o.isSet(e.getKey()) || !Objects.equals(o.get(e.getKey()), e.getValue())) {
        o.set(e.getKey(), e.getValue(), s);
        changed = true;
      }
    }
    if (changed) {
      next();
    }
  }

  synchronized void softDelete(String id) {
    GraphObject o = live(id);
    o.state = GraphObject.State.SOFT_DELETED;
    o.stateSeq = next();
  }

  synchronized void restore(String id) {
    GraphObject o = require(id);
    if (o.state != GraphObject.State.SOFT_DELETED) {
      throw new IllegalStateException(id + " is not soft-deleted (" + o.state + ")");
    }
    o.state = GraphObject.State.ACTIVE;
    o.stateSeq = next();
    o.restoredSeq = o.stateSeq;
  }

  /** Deletes permanently (from active or soft-deleted); memberships in both directions go. */
  synchronized void hardDelete(String id) {
    GraphObject o = require(id);
    if (o.state == GraphObject.State.HARD_DELETED) {
      throw new IllegalStateException(id + " is already deleted");
    }
    for (Map.Entry<String, LinkedHashSet<String>> g : members.entrySet()) {
      if (g.getValue().remove(id)) {
        memberLog.add(new MemberEvent(next(), g.getKey(), id, false));
      }
    }
    if (o.kind == GraphObject.Kind.GROUP) {
      members.get(id).clear();
    }
    o.state = GraphObject.State.HARD_DELETED;
    o.stateSeq = next();
  }

  synchronized boolean addMember(String groupId, String memberId) {
    requireGroup(groupId);
    live(memberId);
    if (groupId.equals(memberId)) {
      throw new IllegalArgumentException("a group cannot contain itself");
    }
    boolean added = members.get(groupId).add(memberId);
    if (added) {
      memberLog.add(new MemberEvent(next(), groupId, memberId, true));
    }
    return added;
  }

  synchronized boolean removeMember(String groupId, String memberId) {
    requireGroup(groupId);
    boolean removed = members.get(groupId).remove(memberId);
    if (removed) {
      memberLog.add(new MemberEvent(next(), groupId, memberId, false));
    }
    return removed;
  }

  synchronized GraphObject find(String id) {
    return objects.get(id);
  }

  synchronized GraphObject require(String id) {
    GraphObject o = objects.get(id);
    if (o == null) {
      throw new IllegalArgumentException("no object " + id);
    }
    return o;
  }

  synchronized GraphObject live(String id) {
    GraphObject o = require(id);
    if (!o.active()) {
      throw new IllegalStateException(id + " is " + o.state);
    }
    return o;
  }

  private void requireGroup(String id) {
    if (require(id).kind != GraphObject.Kind.GROUP) {
      throw new IllegalArgumentException(id + " is not a group");
    }
  }

  /** Every object ever created, in creation order (deleted ones included). Caller holds the lock. */
  Collection<GraphObject> all() {
    assert Thread.holdsLock(this);
    return objects.values();
  }

  /** Direct member ids of a group, live or soft-deleted. Caller holds the lock. */
  Set<String> membersOf(String groupId) {
    assert Thread.holdsLock(this);
    return members.getOrDefault(groupId, new LinkedHashSet<>());
  }

  /** All nested members (users and the nested groups themselves), each once. Caller holds the lock. */
  List<String> transitiveMembersOf(String groupId) {
    assert Thread.holdsLock(this);
    LinkedHashSet<String> out = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(groupId));
    Set<String> seen = new LinkedHashSet<>(todo);
    while (!todo.isEmpty()) {
      for (String m : membersOf(todo.pop())) {
        out.add(m);
        GraphObject o = objects.get(m);
        if (o.kind == GraphObject.Kind.GROUP && seen.add(m)) {
          todo.add(m);
        }
      }
    }
    out.remove(groupId);
    return new ArrayList<>(out);
  }

  /** Membership events after {@code since}, in order. Caller holds the lock. */
  List<MemberEvent> memberEventsAfter(long since) {
    assert Thread.holdsLock(this);
    int lo = 0;
    int hi = memberLog.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (memberLog.get(mid).seq() <= since) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return memberLog.subList(lo, memberLog.size());
  }

  synchronized String findLiveUserByUpn(String upn) {
    for (GraphObject o : objects.values()) {
      if (o.kind == GraphObject.Kind.USER && o.state != GraphObject.State.HARD_DELETED
          && upn.equalsIgnoreCase(o.string("userPrincipalName"))) {
        return o.id;
      }
    }
    throw new IllegalArgumentException("no user " + upn);
  }

  synchronized String findGroupByName(String displayName) {
    for (GraphObject o : objects.values()) {
      if (o.kind == GraphObject.Kind.GROUP && o.state != GraphObject.State.HARD_DELETED
          && displayName.equals(o.string("displayName"))) {
        return o.id;
      }
    }
    throw new IllegalArgumentException("no group " + displayName);
  }

  synchronized List<String> liveIds(GraphObject.Kind kind) {
    List<String> out = new ArrayList<>();
    for (GraphObject o : objects.values()) {
      if (o.kind == kind && o.active()) {
        out.add(o.id);
      }
    }
    return out;
  }

  synchronized Map<String, Object> snapshot(String id) {
    return new LinkedHashMap<>(require(id).props());
  }
}
