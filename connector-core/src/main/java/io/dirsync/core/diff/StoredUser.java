package io.dirsync.core.diff;

import io.dirsync.core.model.User;
import java.util.Objects;

/**
 * A user as the snapshot holds it.
 *
 * @param user the last known state; {@code active} is false once dirsync deactivated the user
 * @param deleted true once the user was seen deleted from the source (soft or hard)
 */
public record StoredUser(User user, boolean deleted) {
  public StoredUser {
    Objects.requireNonNull(user, "user");
  }
}
