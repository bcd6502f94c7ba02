package io.dirsync.core.engine;

import io.dirsync.core.diff.ActionType;
import io.dirsync.core.diff.Decide;
import io.dirsync.core.diff.GroupDecision;
import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.diff.UserDecision;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.sqlite.SnapshotReader;
import io.dirsync.core.snapshot.sqlite.Staging;
import io.dirsync.core.spi.DeltaSink;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.MembershipChange;
import io.dirsync.core.spi.UserChange;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a delta round and plans it. Entries are folded per object in arrival order, so replays,
 * duplicates and a group repeated with slices of its members end up as one net change; the working
 * set is the objects the round touched, not the directory.
 */
final class DeltaPlanner implements DeltaSink {

  private final Map<String, UserChange> users = new LinkedHashMap<>();
  private final Map<String, GroupChange> groups = new LinkedHashMap<>();
  private final Map<Membership, Boolean> members = new LinkedHashMap<>();
  int deactivations;
  int groupDeletes;

  @Override
  public void userChanges(List<UserChange> page) {
    for (UserChange c : page) {
      users.merge(c.id(), c, DeltaPlanner::foldUser);
    }
  }

  @Override
  public void groupChanges(List<GroupChange> page) {
    for (GroupChange c : page) {
      groups.merge(c.id(), c, DeltaPlanner::foldGroup);
    }
  }

  @Override
  public void membershipChanges(List<MembershipChange> page) {
    for (MembershipChange c : page) {
      Membership key = c.membership();
      members.remove(key); // keep arrival order of the last word
      members.put(key, c.added());
    }
  }

  private static UserChange foldUser(UserChange earlier, UserChange later) {
    if (later instanceof UserChange.Upsert l && !l.complete() && earlier instanceof UserChange.Upsert e) {
      Set<String> fields = new HashSet<>(e.fields());
      fields.addAll(l.fields());
      User merged = Patch.apply(e.user(), l.user(), l.complete() ? Set.of() : l.fields());
      return new UserChange.Upsert(merged, e.complete() ? Set.of() : fields, e.complete());
    }
    return later;
  }

  private static GroupChange foldGroup(GroupChange earlier, GroupChange later) {
    if (later instanceof GroupChange.Upsert l && !l.complete() && earlier instanceof GroupChange.Upsert e) {
      Set<String> fields = new HashSet<>(e.fields());
      fields.addAll(l.fields());
      Group merged = Patch.apply(e.group(), l.group(), l.fields());
      return new GroupChange.Upsert(merged, e.complete() ? Set.of() : fields, e.complete());
    }
    return later;
  }

  boolean isEmpty() {
    return users.isEmpty() && groups.isEmpty() && members.isEmpty();
  }

  void plan(SnapshotReader snapshot, Staging staging, ActionWriter actions) {
    Map<String, StoredUser> knownUsers = snapshot.users(users.keySet());
    Set<String> presentUsers = new HashSet<>();
    for (UserChange c : users.values()) {
      StoredUser before = knownUsers.get(c.id());
      User after = null;
      if (c instanceof UserChange.Upsert u) {
        User base = before == null ? User.empty(c.id()) : before.user();
        after = u.complete() ? u.user() : Patch.apply(base, u.user(), u.fields());
        presentUsers.add(c.id());
      }
      UserDecision d = Decide.user(before, after);
      if (d.stored() != null) {
        staging.putUser(d.stored());
      }
      if (d.action() != null) {
        actions.user(d);
        if (d.action() == ActionType.USER_DEACTIVATE) {
          deactivations++;
        }
      }
    }

    Map<String, Group> knownGroups = snapshot.groups(groups.keySet());
    Set<String> deletedGroups = new HashSet<>();
    for (GroupChange c : groups.values()) {
      Group before = knownGroups.get(c.id());
      Group after = null;
      if (c instanceof GroupChange.Upsert g) {
        after = g.complete() || before == null ? g.group() : Patch.apply(before, g.group(), g.fields());
      }
      GroupDecision d = Decide.group(before, after);
      if (d.action() == ActionType.GROUP_DELETE) {
        deletedGroups.add(c.id());
        // DESIGN.md: a deleted group's members are removed first, then the group.
        for (Membership m : snapshot.membersOf(List.of(c.id()))) {
          staging.putMembership(m, false);
          actions.membership(m, false);
        }
        staging.deleteGroup(c.id());
        actions.group(d);
        groupDeletes++;
      } else if (d.action() != null) {
        staging.putGroup(d.object());
        actions.group(d);
      }
    }

    Set<String> groupsNow = new HashSet<>(knownGroups.keySet());
    groups.values().stream().filter(c -> c instanceof GroupChange.Upsert).forEach(c -> groupsNow.add(c.id()));
    groupsNow.removeAll(deletedGroups);
    for (Map.Entry<Membership, Boolean> e : members.entrySet()) {
      Membership m = e.getKey();
      if (deletedGroups.contains(m.groupId())) {
        continue;
      }
      boolean present = snapshot.hasMembership(m);
      if (e.getValue() && !present && exists(m, snapshot, presentUsers, groupsNow)) {
        staging.putMembership(m, true);
        actions.membership(m, true);
      } else if (!e.getValue() && present) {
        staging.putMembership(m, false);
        actions.membership(m, false);
      }
    }
  }

  /** Drops memberships naming a group or member dirsync does not know (out of scope or not yet seen). */
  private static boolean exists(Membership m, SnapshotReader snapshot, Set<String> presentUsers, Set<String> groupsNow) {
    if (!groupsNow.contains(m.groupId()) && snapshot.groups(List.of(m.groupId())).isEmpty()) {
      return false;
    }
    if (m.memberType() == MemberType.GROUP) {
      return groupsNow.contains(m.memberId()) || !snapshot.groups(List.of(m.memberId())).isEmpty();
    }
    if (presentUsers.contains(m.memberId())) {
      return true;
    }
    StoredUser u = snapshot.users(List.of(m.memberId())).get(m.memberId());
    return u != null && !u.deleted();
  }
}
