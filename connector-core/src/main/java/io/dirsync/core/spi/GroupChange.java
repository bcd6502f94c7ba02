package io.dirsync.core.spi;

import io.dirsync.core.model.Group;
import java.util.Objects;
import java.util.Set;

/** One entry of a delta round about a group (its members come as {@link MembershipChange}s). */
public sealed interface GroupChange {

  String id();

  /** The group exists with these values; {@code fields} and {@code complete} as in {@link UserChange.Upsert}. */
  record Upsert(Group group, Set<String> fields, boolean complete) implements GroupChange {
    public Upsert {
      Objects.requireNonNull(group, "group");
      fields = Set.copyOf(fields);
    }

    public static Upsert complete(Group group) {
      return new Upsert(group, Set.of(), true);
    }

    @Override
    public String id() {
      return group.id();
    }
  }

  /** The group was deleted from the source. */
  record Removed(String id, boolean permanent) implements GroupChange {
    public Removed {
      Objects.requireNonNull(id, "id");
    }
  }
}
