package io.dirsync.core.contract;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.spi.DeltaSink;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.GroupChange;
import io.dirsync.core.spi.MembershipChange;
import io.dirsync.core.spi.UserChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A sink that keeps everything it is given, for assertions; counts pages. */
public final class Collected implements FullListingSink, DeltaSink {
  public final Map<String, User> users = new LinkedHashMap<>();
  public final Map<String, Group> groups = new LinkedHashMap<>();
  public final List<Membership> memberships = new ArrayList<>();
  public final List<UserChange> userChanges = new ArrayList<>();
  public final List<GroupChange> groupChanges = new ArrayList<>();
  public final List<MembershipChange> membershipChanges = new ArrayList<>();
  public int userPages;

  @Override
  public void users(List<User> page) {
    userPages++;
    page.forEach(u -> users.put(u.id(), u));
  }

  @Override
  public void groups(List<Group> page) {
    page.forEach(g -> groups.put(g.id(), g));
  }

  @Override
  public void memberships(List<Membership> page) {
    memberships.addAll(page);
  }

  public User userNamed(String userName) {
    return users.values().stream().filter(u -> userName.equalsIgnoreCase(u.userName())).findFirst()
        .orElseThrow(() -> new AssertionError("no user " + userName + " among " + users.size()));
  }

  public Group groupNamed(String name) {
    return groups.values().stream().filter(g -> name.equals(g.name())).findFirst()
        .orElseThrow(() -> new AssertionError("no group " + name));
  }

  @Override
  public void userChanges(List<UserChange> page) {
    userChanges.addAll(page);
  }

  @Override
  public void groupChanges(List<GroupChange> page) {
    groupChanges.addAll(page);
  }

  @Override
  public void membershipChanges(List<MembershipChange> page) {
    membershipChanges.addAll(page);
  }
}
