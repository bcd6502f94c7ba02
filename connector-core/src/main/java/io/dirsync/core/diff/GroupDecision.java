package io.dirsync.core.diff;

import io.dirsync.core.model.Group;
import java.util.Map;

/**
 * What to do about one group.
 *
 * @param action the action or null
 * @param changes the changed fields of an update
 * @param object the group the action carries: the new state, or the last known one for a delete
 */
public record GroupDecision(ActionType action, Map<String, FieldChange> changes, Group object) {
  static final GroupDecision NOTHING = new GroupDecision(null, Map.of(), null);
}
