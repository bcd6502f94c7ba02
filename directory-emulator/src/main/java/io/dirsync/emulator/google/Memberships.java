package io.dirsync.emulator.google;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The direct members of every group, both ways: group → its entries (in the order added) and member →
 * its groups, so that the groups of a member and the removal of a deleted user or group cost what they
 * touch, not a scan of every group. Also when each nested group joined its parent. Not thread-safe:
 * {@link GoogleDirectory} guards it.
 */
final class Memberships {

  private final Map<String, Map<String, GoogleDirectory.Entry>> members = new HashMap<>();
  private final Map<String, Set<String>> memberOf = new HashMap<>();
  /** When each nested group became a member of its parent ("groupId/memberId"). */
  private final Map<String, Instant> nestedSince = new HashMap<>();

  void addGroup(String groupId) {
    members.put(groupId, new LinkedHashMap<>());
  }

  /** Adds or replaces a member; a nested group's {@code since} is kept from its first addition. */
  void add(String groupId, GoogleDirectory.Entry entry, Instant since) {
    members.get(groupId).put(entry.id(), entry);
    memberOf.computeIfAbsent(entry.id(), k -> new HashSet<>(4)).add(groupId);
    if (entry.type() == MemberType.GROUP) {
      nestedSince.putIfAbsent(groupId + "/" + entry.id(), since);
    }
  }

  /** Removes a direct member; false if it was none. */
  boolean remove(String groupId, String memberId) {
    nestedSince.remove(groupId + "/" + memberId);
    if (members.get(groupId).remove(memberId) == null) {
      return false;
    }
    unlink(memberId, groupId);
    return true;
  }

  /** Takes a deleted user (or any member) out of every group. */
  void removeEverywhere(String memberId) {
    for (String groupId : List.copyOf(groupsOf(memberId))) {
      remove(groupId, memberId);
    }
  }

  /** Forgets a deleted group: its own members, and its place in the groups it was a member of. */
  void removeGroup(String groupId) {
    for (String memberId : members.remove(groupId).keySet()) {
      unlink(memberId, groupId);
      nestedSince.remove(groupId + "/" + memberId);
    }
    removeEverywhere(groupId);
  }

  /** The groups {@code memberId} is a direct member of (a read-only view). */
  Set<String> groupsOf(String memberId) {
    return java.util.Collections.unmodifiableSet(memberOf.getOrDefault(memberId, Set.of()));
  }

  /** The direct members of a group in the order added; empty for an unknown group. */
  Collection<GoogleDirectory.Entry> entries(String groupId) {
    return members.getOrDefault(groupId, Map.of()).values();
  }

  /** When {@code childId} became a member of {@code groupId}, or {@link Instant#MIN} if unknown. */
  Instant nestedSince(String groupId, String childId) {
    return nestedSince.getOrDefault(groupId + "/" + childId, Instant.MIN);
  }

  private void unlink(String memberId, String groupId) {
    Set<String> of = memberOf.get(memberId);
    if (of != null && of.remove(groupId) && of.isEmpty()) {
      memberOf.remove(memberId);
    }
  }
}
