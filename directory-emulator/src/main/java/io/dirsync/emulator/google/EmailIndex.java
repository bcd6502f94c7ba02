package io.dirsync.emulator.google;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ids by email, case-insensitive, apart for primary emails and aliases, so that a lookup costs one
 * hash probe instead of a scan of the domain. Not thread-safe: {@link GoogleDirectory} guards it.
 *
 * <p>An email may name more than one object (the emulator lets a test set aliases freely); the index
 * keeps every id and {@link #find} prefers a primary email over an alias, then the earliest added.
 */
final class EmailIndex {

  private final Map<String, Set<String>> primary = new HashMap<>();
  private final Map<String, Set<String>> alias = new HashMap<>();

  static String fold(String email) {
    return email.toLowerCase(Locale.ROOT);
  }

  void add(String id, String primaryEmail, Collection<String> aliases) {
    put(primary, primaryEmail, id);
    aliases.forEach(a -> put(alias, a, id));
  }

  void remove(String id, String primaryEmail, Collection<String> aliases) {
    drop(primary, primaryEmail, id);
    aliases.forEach(a -> drop(alias, a, id));
  }

  /** The id whose primary email is {@code email}, else one whose alias it is; null if none. */
  String find(String email) {
    String key = fold(email);
    Set<String> ids = primary.get(key);
    if (ids == null) {
      ids = alias.get(key);
    }
    return ids == null ? null : ids.iterator().next();
  }

  private static void put(Map<String, Set<String>> map, String email, String id) {
    map.computeIfAbsent(fold(email), k -> new LinkedHashSet<>(2)).add(id);
  }

  private static void drop(Map<String, Set<String>> map, String email, String id) {
    String key = fold(email);
    Set<String> ids = map.get(key);
    if (ids != null && ids.remove(id) && ids.isEmpty()) {
      map.remove(key);
    }
  }
}
