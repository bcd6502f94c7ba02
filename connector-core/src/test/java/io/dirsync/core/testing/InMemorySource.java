package io.dirsync.core.testing;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A directory held in memory, with a change log for delta rounds: the source behind
 * {@link InMemoryConnector}. Thread-safe: tests mutate it while a run lists it.
 */
public final class InMemorySource {

  /** One entry of the change log. */
  public record Change(long seq, String kind, String id, Membership membership, boolean permanent) {}

  private final Map<String, User> users = new TreeMap<>();
  private final Map<String, Group> groups = new TreeMap<>();
  private final Set<Membership> memberships = new LinkedHashSet<>();
  private final List<Change> log = new ArrayList<>();
  private long seq;

  public synchronized void putUser(User u) {
    users.put(u.id(), u);
    log.add(new Change(++seq, "user", u.id(), null, false));
  }

  public synchronized void removeUser(String id, boolean permanent) {
    users.remove(id);
    log.add(new Change(++seq, "user-removed", id, null, permanent));
  }

  public synchronized void putGroup(Group g) {
    groups.put(g.id(), g);
    log.add(new Change(++seq, "group", g.id(), null, false));
  }

  public synchronized void removeGroup(String id) {
    groups.remove(id);
    memberships.removeIf(m -> m.groupId().equals(id));
    log.add(new Change(++seq, "group-removed", id, null, true));
  }

  public synchronized void addMember(String groupId, String memberId, MemberType type) {
    Membership m = new Membership(groupId, memberId, type);
    if (memberships.add(m)) {
      log.add(new Change(++seq, "member-added", groupId, m, false));
    }
  }

  public synchronized void removeMember(String groupId, String memberId, MemberType type) {
    Membership m = new Membership(groupId, memberId, type);
    if (memberships.remove(m)) {
      log.add(new Change(++seq, "member-removed", groupId, m, false));
    }
  }

  public synchronized User user(String id) {
    return users.get(id);
  }

  public synchronized List<User> users() {
    return List.copyOf(users.values());
  }

  public synchronized List<Group> groups() {
    return List.copyOf(groups.values());
  }

  public synchronized List<Membership> memberships() {
    return List.copyOf(memberships);
  }

  public synchronized long seq() {
    return seq;
  }

  public synchronized List<Change> changesSince(long since) {
    return log.stream().filter(c -> c.seq() > since).toList();
  }

  /** Puts many users at once without logging each (seeding a large directory). */
  public synchronized void seedUsers(Collection<User> many) {
    many.forEach(u -> users.put(u.id(), u));
  }

  public synchronized Group group(String id) {
    return groups.get(id);
  }
}
