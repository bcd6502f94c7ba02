package io.dirsync.emulator.google;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One keyset page out of an unsorted collection: the first {@code limit + 1} items after a key, found
 * with a heap of that size instead of sorting everything for every page. A listing of n objects in
 * pages of p then costs n·log p per page rather than n·log n (and each key is computed once per
 * page, not once per comparison).
 */
final class KeysetPage {

  private record Keyed<T>(String key, T item) {
  }

  private KeysetPage() {
  }

  /**
   * Up to {@code limit + 1} items that pass {@code filter} and whose key comes after {@code afterKey}
   * (all of them if it is null) in {@code order}, sorted by it. Keys are assumed unique.
   */
  static <T> List<T> after(Iterable<T> items, Function<T, String> keyOf, Comparator<String> order, String afterKey,
      Predicate<T> filter, int limit) {
    int keep = (int) Math.min(Integer.MAX_VALUE, limit + 1L);
    Comparator<Keyed<T>> byKey = Comparator.comparing(Keyed::key, order);
    PriorityQueue<Keyed<T>> last = new PriorityQueue<>(Math.min(keep, 1024), byKey.reversed());
    for (T item : items) {
      if (!filter.test(item)) {
        continue;
      }
      String key = keyOf.apply(item);
      if (afterKey != null && order.compare(key, afterKey) <= 0) {
        continue;
      }
      if (last.size() < keep) {
        last.add(new Keyed<>(key, item));
      } else if (order.compare(key, last.peek().key()) < 0) {
        last.poll();
        last.add(new Keyed<>(key, item));
      }
    }
    List<Keyed<T>> page = new ArrayList<>(last);
    page.sort(byKey);
    List<T> out = new ArrayList<>(page.size());
    page.forEach(k -> out.add(k.item()));
    return out;
  }
}
