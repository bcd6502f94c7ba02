package io.dirsync.core.engine;

import io.dirsync.core.diff.Decide;
import io.dirsync.core.diff.GroupDecision;
import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.diff.UserDecision;
import io.dirsync.core.diff.Utf8Order;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.snapshot.sqlite.Rows;
import io.dirsync.core.snapshot.sqlite.SnapshotReader;
import io.dirsync.core.snapshot.sqlite.Staging;

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
            apply(Decide.user(stored(before.id()), fetched(after)));
          }
          hasB = countSnapshot(before, before.next());
          hasA = countFetched(after.next());
        } else if (cmp < 0) {
          apply(Decide.user(stored(before.id()), null));
          hasB = countSnapshot(before, before.next());
        } else {
          apply(Decide.user(null, fetched(after)));
          hasA = countFetched(after.next());
        }
      }
    }
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

  private StoredUser stored(String id) {
    return snapshot.user(id);
  }

  private io.dirsync.core.model.User fetched(SortedKeys after) {
    return Json.readUser(staging.fetchedUserJson(after.ref()));
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
