package io.dirsync.emulator.google;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The state of the emulated domain: users (live and deleted), groups and direct members. Thread-safe
 * (one monitor); listings read pages by sort key, so a mutation between two pages neither repeats nor
 * skips an unchanged object. Lookups by id, email or alias, and the groups of a member, are indexed,
 * so seeding and serving a domain of 100,000 users costs time linear in its size.
 */
final class GoogleDirectory {

  /** A deleted user, visible with {@code showDeleted=true} for 20 days. */
  record Deleted(GoogleUser user, Instant deletionTime) {
  }

  /**
   * A direct member of a group as stored; emails of users and groups of the domain are resolved
   * when listed. {@code external}: an account outside the domain, listed with {@code externalEmail}
   * (which may be null) and no status.
   */
  record Entry(String id, MemberType type, String role, boolean external, String externalEmail) {
    static Entry of(String id, MemberType type, String role) {
      return new Entry(id, type, role, false, null);
    }

    static Entry external(String id, String email) {
      return new Entry(id, MemberType.USER, "MEMBER", true, email);
    }
  }

  /** A member as listed: {@code email} null for CUSTOMER; {@code status} null for external accounts. */
  record ListedMember(String id, String email, MemberType type, String role, String status) {
    String sortKey() {
      return (email == null ? "\uffff" : email.toLowerCase(Locale.ROOT)) + "\u0000" + id;
    }
  }

  private final String customerId;
  private final Clock clock;
  private final Random ids;
  private final Map<String, GoogleUser> usersById = new HashMap<>();
  private final NavigableMap<String, GoogleUser> usersByKey = new TreeMap<>();
  private final Map<String, Deleted> deleted = new LinkedHashMap<>();
  private final Map<String, GoogleGroup> groupsById = new HashMap<>();
  private final NavigableMap<String, GoogleGroup> groupsByKey = new TreeMap<>();
  private final Memberships members = new Memberships();
  private final EmailIndex userEmails = new EmailIndex();
  private final EmailIndex groupEmails = new EmailIndex();

  GoogleDirectory(String customerId, Clock clock, long seed) {
    this.customerId = customerId;
    this.clock = clock;
    this.ids = new Random(seed ^ 0x5DEECE66DL);
  }

  static String userKey(GoogleUser u) {
    return u.primaryEmail().toLowerCase(Locale.ROOT) + "\u0000" + u.id();
  }

  static String groupKey(GoogleGroup g) {
    return g.email().toLowerCase(Locale.ROOT) + "\u0000" + g.id();
  }

  String customerId() {
    return customerId;
  }

  // ---- users

  synchronized GoogleUser addUser(GoogleUser user) {
    if (findUser(user.primaryEmail()).isPresent()) {
      throw new IllegalArgumentException("a user or alias " + user.primaryEmail() + " exists already");
    }
    String id = user.id() != null ? user.id() : newUserId();
    GoogleUser stored = user.toBuilder().id(id).build();
    index(stored);
    return stored;
  }

  synchronized GoogleUser updateUser(String userKey, UnaryOperator<GoogleUser.Builder> change) {
    GoogleUser old = requireUser(userKey);
    GoogleUser updated = change.apply(old.toBuilder()).id(old.id()).build();
    unindex(old);
    index(updated);
    return updated;
  }

  private void index(GoogleUser u) {
    usersById.put(u.id(), u);
    usersByKey.put(userKey(u), u);
    userEmails.add(u.id(), u.primaryEmail(), u.aliases());
  }

  private void unindex(GoogleUser u) {
    usersById.remove(u.id());
    usersByKey.remove(userKey(u));
    userEmails.remove(u.id(), u.primaryEmail(), u.aliases());
  }

  /** Changes the primary email; the old one becomes an alias, as in Google. */
  synchronized GoogleUser renameUser(String userKey, String newEmail) {
    GoogleUser old = requireUser(userKey);
    Optional<GoogleUser> clash = findUser(newEmail);
    if (clash.isPresent() && !clash.get().id().equals(old.id())) {
      throw new IllegalArgumentException(newEmail + " is taken");
    }
    List<String> aliases = new ArrayList<>(old.aliases());
    aliases.remove(newEmail);
    aliases.add(old.primaryEmail());
    return updateUser(userKey, b -> b.primaryEmail(newEmail).aliases(aliases));
  }

  /** Deletes a user: gone from lists and from every group, listed by {@code showDeleted=true}. */
  synchronized GoogleUser deleteUser(String userKey) {
    GoogleUser old = requireUser(userKey);
    unindex(old);
    members.removeEverywhere(old.id());
    deleted.put(old.id(), new Deleted(old, clock.instant()));
    return old;
  }

  synchronized GoogleUser undeleteUser(String id) {
    Deleted d = deleted.remove(id);
    if (d == null) {
      throw new IllegalArgumentException("no deleted user " + id);
    }
    index(d.user());
    return d.user();
  }

  synchronized Optional<GoogleUser> findUser(String key) {
    GoogleUser byId = usersById.get(key);
    if (byId != null) {
      return Optional.of(byId);
    }
    String id = userEmails.find(key);
    return id == null ? Optional.empty() : Optional.of(usersById.get(id));
  }

  GoogleUser requireUser(String key) {
    return findUser(key).orElseThrow(() -> new IllegalArgumentException("no user " + key));
  }

  synchronized int userCount() {
    return usersById.size();
  }

  /** Up to {@code limit} users after {@code afterKey} in email order that match {@code filter}. */
  synchronized List<GoogleUser> usersAfter(String afterKey, Predicate<GoogleUser> filter, int limit) {
    List<GoogleUser> out = new ArrayList<>();
    var tail = afterKey == null ? usersByKey : usersByKey.tailMap(afterKey, false);
    for (GoogleUser u : tail.values()) {
      if (out.size() > limit) {
        break;
      }
      if (filter.test(u)) {
        out.add(u);
      }
    }
    return out;
  }

  /**
   * Up to {@code limit + 1} users after {@code afterKey} in the order of their {@code key} that match
   * {@code filter}; for the rarer orderBy=givenName|familyName and sortOrder=descending. One page
   * costs a pass over the users, not a sort of them.
   */
  synchronized List<GoogleUser> usersAfter(java.util.function.Function<GoogleUser, String> key,
      Comparator<String> order, String afterKey, Predicate<GoogleUser> filter, int limit) {
    return KeysetPage.after(usersById.values(), key, order, afterKey, filter, limit);
  }

  synchronized List<Deleted> deletedUsers() {
    Instant cutoff = clock.instant().minus(java.time.Duration.ofDays(20));
    return deleted.values().stream().filter(d -> d.deletionTime().isAfter(cutoff))
        .sorted(Comparator.comparing(d -> userKey(d.user()))).toList();
  }

  // ---- groups

  synchronized GoogleGroup createGroup(GoogleGroup group) {
    if (findGroup(group.email()).isPresent()) {
      throw new IllegalArgumentException("group " + group.email() + " exists already");
    }
    GoogleGroup stored = group.id() != null ? group : group.withId(newGroupId());
    index(stored);
    members.addGroup(stored.id());
    return stored;
  }

  synchronized GoogleGroup updateGroup(String groupKey, UnaryOperator<GoogleGroup> change) {
    GoogleGroup old = requireGroup(groupKey);
    GoogleGroup updated = change.apply(old);
    if (!updated.id().equals(old.id())) {
      throw new IllegalArgumentException("a group id never changes");
    }
    unindex(old);
    index(updated);
    return updated;
  }

  private void index(GoogleGroup g) {
    groupsById.put(g.id(), g);
    groupsByKey.put(groupKey(g), g);
    groupEmails.add(g.id(), g.email(), g.aliases());
  }

  private void unindex(GoogleGroup g) {
    groupsById.remove(g.id());
    groupsByKey.remove(groupKey(g));
    groupEmails.remove(g.id(), g.email(), g.aliases());
  }

  synchronized void deleteGroup(String groupKey) {
    GoogleGroup old = requireGroup(groupKey);
    unindex(old);
    members.removeGroup(old.id());
  }

  synchronized Optional<GoogleGroup> findGroup(String key) {
    GoogleGroup byId = groupsById.get(key);
    if (byId != null) {
      return Optional.of(byId);
    }
    String id = groupEmails.find(key);
    return id == null ? Optional.empty() : Optional.of(groupsById.get(id));
  }

  GoogleGroup requireGroup(String key) {
    return findGroup(key).orElseThrow(() -> new IllegalArgumentException("no group " + key));
  }

  synchronized int groupCount() {
    return groupsById.size();
  }

  synchronized List<GoogleGroup> groupsAfter(String afterKey, Predicate<GoogleGroup> filter, int limit) {
    List<GoogleGroup> out = new ArrayList<>();
    var tail = afterKey == null ? groupsByKey : groupsByKey.tailMap(afterKey, false);
    for (GoogleGroup g : tail.values()) {
      if (out.size() > limit) {
        break;
      }
      if (filter.test(g)) {
        out.add(g);
      }
    }
    return out;
  }

  /** Groups the user or group {@code memberId} is a direct member of. */
  synchronized Set<String> groupsOf(String memberId) {
    return new HashSet<>(members.groupsOf(memberId));
  }

  /**
   * Up to {@code limit + 1} groups that {@code memberId} is a direct member of, after {@code afterKey}
   * in listing order, that match {@code filter}: the groups of a member without a scan of the domain.
   */
  synchronized List<GoogleGroup> groupsOfAfter(String memberId, String afterKey, Predicate<GoogleGroup> filter,
      int limit) {
    List<GoogleGroup> of = members.groupsOf(memberId).stream().map(groupsById::get).toList();
    return KeysetPage.after(of, GoogleDirectory::groupKey, Comparator.naturalOrder(), afterKey, filter, limit);
  }

  // ---- members

  synchronized void addMember(String groupKey, Entry entry) {
    addMember(groupKey, entry, clock.instant());
  }

  /** Adds a member as of {@code since} (the seed's nested groups are old). */
  synchronized void addMember(String groupKey, Entry entry, Instant since) {
    members.add(requireGroup(groupKey).id(), entry, since);
  }

  synchronized boolean removeMember(String groupKey, String memberId) {
    return members.remove(requireGroup(groupKey).id(), memberId);
  }

  synchronized int directMembersCount(String groupId) {
    return (int) members.entries(groupId).stream().filter(e -> e.type() == MemberType.USER).count();
  }

  /**
   * Up to {@code limit + 1} members of a group after {@code afterKey} (a {@link ListedMember#sortKey()})
   * that match {@code filter}, sorted by email (members without one last): direct only, or with
   * {@code derived} also every member of a nested group, each once, cycle-safe. A group nested less
   * than {@code lag} ago is listed itself, but its members are not derived yet (Google: "up to 10
   * minutes before the child group's members appear as members of the parent group"). One page costs
   * a pass over the group, not a sort of it.
   */
  synchronized List<ListedMember> membersAfter(String groupId, boolean derived, java.time.Duration lag,
      String afterKey, Predicate<ListedMember> filter, int limit) {
    return KeysetPage.after(collectMembers(groupId, derived, lag), ListedMember::sortKey, Comparator.naturalOrder(),
        afterKey, filter, limit);
  }

  private java.util.Collection<ListedMember> collectMembers(String groupId, boolean derived,
      java.time.Duration lag) {
    Instant settled = clock.instant().minus(lag);
    Map<String, ListedMember> out = new LinkedHashMap<>();
    Deque<String> todo = new ArrayDeque<>(List.of(groupId));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String gid = todo.pop();
      if (!seen.add(gid)) {
        continue;
      }
      for (Entry e : members.entries(gid)) {
        ListedMember m = render(e, gid.equals(groupId) ? e.role() : "MEMBER");
        if (m != null) {
          out.putIfAbsent(m.id(), m);
        }
        if (derived && e.type() == MemberType.GROUP
            && !members.nestedSince(gid, e.id()).isAfter(settled)) {
          todo.add(e.id());
        }
      }
    }
    return out.values();
  }

  private ListedMember render(Entry e, String role) {
    return switch (e.type()) {
      case CUSTOMER -> new ListedMember(e.id(), null, MemberType.CUSTOMER, role, null);
      case GROUP -> {
        GoogleGroup g = groupsById.get(e.id());
        yield g == null ? null : new ListedMember(g.id(), g.email(), MemberType.GROUP, role, "ACTIVE");
      }
      case USER -> {
        if (e.external()) {
          yield new ListedMember(e.id(), e.externalEmail(), MemberType.USER, role, null);
        }
        GoogleUser u = usersById.get(e.id());
        yield u == null ? null
            : new ListedMember(u.id(), u.primaryEmail(), MemberType.USER, role, u.suspended() ? "SUSPENDED" : "ACTIVE");
      }
    };
  }

  // ---- ids

  /** 21 decimal digits starting with 1: larger than any Java long. */
  synchronized String newUserId() {
    String id;
    do {
      StringBuilder sb = new StringBuilder("1");
      for (int i = 0; i < 20; i++) {
        sb.append((char) ('0' + ids.nextInt(10)));
      }
      id = sb.toString();
    } while (usersById.containsKey(id) || deleted.containsKey(id));
    return id;
  }

  synchronized String newExternalId() {
    return newUserId();
  }

  private String newGroupId() {
    String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    String id;
    do {
      StringBuilder sb = new StringBuilder("0");
      for (int i = 0; i < 14; i++) {
        sb.append(alphabet.charAt(ids.nextInt(alphabet.length())));
      }
      id = sb.toString();
    } while (groupsById.containsKey(id));
    return id;
  }
}
