package io.dirsync.core.diff;

import io.dirsync.core.model.User;
import java.util.Map;

/**
 * What to do about one user, decided by {@link Decide#user}: the action to emit (if any) and the
 * state to store (if it changed).
 *
 * @param action the action, or null for none
 * @param reason {@code disabled} or {@code deleted} for a deactivation, else null
 * @param changes the changed fields, for an update; empty otherwise
 * @param stored the new snapshot state, or null when the snapshot row stays as it is
 */
public record UserDecision(ActionType action, String reason, Map<String, FieldChange> changes, StoredUser stored) {

  static final UserDecision NOTHING = new UserDecision(null, null, Map.of(), null);

  /** The object an action about this user carries: the full new state. */
  public User object() {
    return stored.user();
  }
}
