package io.dirsync.core.spi;

import io.dirsync.core.model.User;
import java.util.Objects;
import java.util.Set;

/** One entry of a delta round about a user. */
public sealed interface UserChange {

  String id();

  /**
   * The user exists (new, changed, or restored) with these values.
   *
   * @param user the values; only the fields named in {@code fields} are meaningful unless
   *     {@code complete}
   * @param fields names of the fields the source sent, as in {@link Fields}; a field sent as
   *     explicit null is named here and null in {@code user}; a field not named is unchanged
   * @param complete true when {@code user} is the whole object (every field and attribute)
   */
  record Upsert(User user, Set<String> fields, boolean complete) implements UserChange {
    public Upsert {
      Objects.requireNonNull(user, "user");
      fields = Set.copyOf(fields);
    }

    public static Upsert complete(User user) {
      return new Upsert(user, Set.of(), true);
    }

    @Override
    public String id() {
      return user.id();
    }
  }

  /**
   * The user was deleted from the source.
   *
   * @param permanent false for a soft delete that can be undone (Graph {@code changed})
   */
  record Removed(String id, boolean permanent) implements UserChange {
    public Removed {
      Objects.requireNonNull(id, "id");
    }
  }
}
