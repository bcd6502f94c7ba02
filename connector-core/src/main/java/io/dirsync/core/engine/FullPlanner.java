package io.dirsync.core.engine;

import io.dirsync.core.diff.Decide;
import io.dirsync.core.diff.GroupDecision;
import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.diff.UserDecision;
import io.dirsync.core.diff.Utf8Order;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.sqlite.Rows;
import io.dirsync.core.snapshot.sqlite.SnapshotReader;
import io.dirsync.core.snapshot.sqlite.Staging;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans a full run: a sorted merge of the snapshot with the complete listing in staging, for
 * users, groups and memberships. Memory is a few blocks of keys of each side at a time (each side
 * of the user merge is read on its own thread, see {@link SortedKeys}); an unchanged user (same
 * content hash) is skipped without being parsed or written.
 */
final class FullPlanner {

  private final SnapshotReader snapshot;
  private final Staging staging;
  private final ActionWriter actions;
  /** Users present in the snapshot (not deleted), of them active, and distinct users fetched: counted by the merge. */
  long snapshotUsers;
  long snapshotActive;
  long fetchedUsers;

  static final int DECIDE_BATCH = 500;
  private final List<String> pendingIds = new ArrayList<>();
  private final List<Long> pendingRefs = new ArrayList<>();

  FullPlanner(SnapshotReader snapshot, Staging staging, ActionWriter actions) {
    this.snapshot = snapshot;
    this.staging = staging;
    this.actions = actions;
  }

  void plan() {
    users();
    groups();
    memberships();
  }

  private void users() {
    try (SortedKeys before = new SortedKeys("snapshot", snapshot::usersSorted, 3);
        SortedKeys after = new SortedKeys("fetched", staging::fetchedUsersSorted, 3)) {
      boolean hasB = countSnapshot(before, before.next());
      boolean hasA = countFetched(after.next());
      while (hasB || hasA) {
        int cmp = !hasB ? 1 : !hasA ? -1 : Utf8Order.INSTANCE.compare(before.id(), after.id());
        if (cmp == 0) {
          long storedHash = before.hash(); // 0 for a user marked deleted: always decided
          if (storedHash == 0 || storedHash != after.hash()) {
            decideLater(before.id(), after.ref());
          }
          hasB = countSnapshot(before, before.next());
          hasA = countFetched(after.next());
        } else if (cmp < 0) {
          decideLater(before.id(), 0);
          hasB = countSnapshot(before, before.next());
        } else {
          decideLater(null, after.ref());
          hasA = countFetched(after.next());
        }
      }
      decidePending();
    }
  }

  /**
   * Queues a user to decide: its snapshot id (null when new) and its fetched row (0 when gone). Both
   * are read in batches of {@link #DECIDE_BATCH}: one query per side per batch instead of two point
   * queries per user on the connections the merge's readers are scanning.
   */
  private void decideLater(String storedId, long fetchedRef) {
    pendingIds.add(storedId);
    pendingRefs.add(fetchedRef);
    if (pendingIds.size() == DECIDE_BATCH) {
      decidePending();
    }
  }

  private void decidePending() {
    if (pendingIds.isEmpty()) {
      return;
    }
    Map<String, StoredUser> stored = snapshot.users(pendingIds.stream().filter(Objects::nonNull).toList());
    Map<Long, String> fetched = staging.fetchedUsersJson(pendingRefs.stream().filter(r -> r != 0).toList());
    for (int i = 0; i < pendingIds.size(); i++) {
      String id = pendingIds.get(i);
      long ref = pendingRefs.get(i);
      StoredUser before = id == null ? null : required(stored.get(id), "snapshot user", id);
      User after = ref == 0 ? null : Json.readUser(required(fetched.get(ref), "fetched row", ref));
      apply(Decide.user(before, after));
    }
    pendingIds.clear();
    pendingRefs.clear();
  }

  private static <T> T required(T value, String what, Object key) {
    if (value == null) {
      throw new IllegalStateException(what + " " + key + " vanished during the merge");
    }
    return value;
  }

  private boolean countFetched(boolean has) {
    fetchedUsers += has ? 1 : 0;
    return has;
  }

  /** Counts the snapshot row just reached. */
  private boolean countSnapshot(SortedKeys before, boolean has) {
    if (has) {
      long state = before.ref();
      snapshotUsers += state > 0 ? 1 : 0;
      snapshotActive += state == 2 ? 1 : 0;
    }
    return has;
  }

  private void apply(UserDecision d) {
    if (d.stored() != null) {
      staging.putUser(d.stored());
    }
    if (d.action() != null) {
      actions.user(d);
    }
  }

  private void groups() {
    try (Rows before = snapshot.groupsSorted(); Rows after = staging.fetchedGroupsSorted()) {
      boolean hasB = before.next();
      boolean hasA = after.next();
      while (hasB || hasA) {
        int cmp = !hasB ? 1 : !hasA ? -1 : Utf8Order.INSTANCE.compare(before.string(1), after.string(1));
        if (cmp == 0) {
          if (before.longValue(2) != after.longValue(2)) {
            apply(Decide.group(Json.readGroup(before.string(3)), Json.readGroup(after.string(3))));
          }
          hasB = before.next();
          hasA = after.next();
        } else if (cmp < 0) {
          apply(Decide.group(Json.readGroup(before.string(3)), null));
          hasB = before.next();
        } else {
          apply(Decide.group(null, Json.readGroup(after.string(3))));
          hasA = after.next();
        }
      }
    }
  }

  private void apply(GroupDecision d) {
    if (d.action() == null) {
      return;
    }
    if (d.action() == io.dirsync.core.diff.ActionType.GROUP_DELETE) {
      staging.deleteGroup(d.object().id());
    } else {
      staging.putGroup(d.object());
    }
    actions.group(d);
  }

  private void memberships() {
    try (Rows before = snapshot.membershipsSorted(); Rows after = staging.fetchedMembershipsSorted()) {
      boolean hasB = before.next();
      boolean hasA = after.next();
      while (hasB || hasA) {
        int cmp = !hasB ? 1 : !hasA ? -1 : compareMember(before, after);
        if (cmp == 0) {
          if (!before.string(3).equals(after.string(3))) {
            change(membership(before), false);
            change(membership(after), true);
          }
          hasB = before.next();
          hasA = after.next();
        } else if (cmp < 0) {
          change(membership(before), false);
          hasB = before.next();
        } else {
          change(membership(after), true);
          hasA = after.next();
        }
      }
    }
  }

  private static int compareMember(Rows a, Rows b) {
    int c = Utf8Order.INSTANCE.compare(a.string(1), b.string(1));
    return c != 0 ? c : Utf8Order.INSTANCE.compare(a.string(2), b.string(2));
  }

  private static Membership membership(Rows r) {
    return new Membership(r.string(1), r.string(2), MemberType.fromWire(r.string(3)));
  }

  private void change(Membership m, boolean added) {
    staging.putMembership(m, added);
    actions.membership(m, added);
  }
}
