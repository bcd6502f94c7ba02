package io.dirsync.core.diff;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.User;
import java.util.Map;

/**
 * The rules of the diff, one object at a time, shared by full and delta runs. Pure: no I/O, no
 * clock. Identity is the id alone, so a renamed user is an update, never a delete and a create.
 */
public final class Decide {

  public static final String REASON_DISABLED = "disabled";
  public static final String REASON_DELETED = "deleted";

  private Decide() {
  }

  /**
   * @param before what the snapshot holds, or null if the user was never seen
   * @param after what the source says now, or null if the source no longer has the user
   */
  public static UserDecision user(StoredUser before, User after) {
    if (before == null) {
      return after == null ? UserDecision.NOTHING
          : new UserDecision(ActionType.USER_CREATE, null, Map.of(), new StoredUser(after, false));
    }
    User old = before.user();
    if (after == null) {
      if (before.deleted()) {
        return UserDecision.NOTHING;
      }
      StoredUser gone = new StoredUser(old.withActive(false), true);
      return old.active()
          ? new UserDecision(ActionType.USER_DEACTIVATE, REASON_DELETED, Map.of(), gone)
          : new UserDecision(null, null, Map.of(), gone);
    }
    boolean wasActive = old.active() && !before.deleted();
    StoredUser now = new StoredUser(after, false);
    if (after.active() && !wasActive) {
      return new UserDecision(ActionType.USER_REACTIVATE, null, Map.of(), now);
    }
    if (!after.active() && wasActive) {
      return new UserDecision(ActionType.USER_DEACTIVATE, REASON_DISABLED, Map.of(), now);
    }
    Map<String, FieldChange> changes = Changes.of(old, after);
    if (!changes.isEmpty()) {
      return new UserDecision(ActionType.USER_UPDATE, null, changes, now);
    }
    // Unchanged, but a deleted user who came back disabled is no longer deleted.
    return before.deleted() ? new UserDecision(null, null, Map.of(), now) : UserDecision.NOTHING;
  }

  /** The same for a group; a group has no lifecycle beyond existing or not. */
  public static GroupDecision group(Group before, Group after) {
    if (before == null) {
      return after == null ? GroupDecision.NOTHING : new GroupDecision(ActionType.GROUP_CREATE, Map.of(), after);
    }
    if (after == null) {
      return new GroupDecision(ActionType.GROUP_DELETE, Map.of(), before);
    }
    Map<String, FieldChange> changes = Changes.of(before, after);
    return changes.isEmpty() ? GroupDecision.NOTHING : new GroupDecision(ActionType.GROUP_UPDATE, changes, after);
  }
}
