package io.dirsync.core.diff;

/** The kinds of action dirsync emits, with their wire names and the order they are emitted in a run. */
public enum ActionType {
  USER_CREATE("user.create", 1),
  USER_REACTIVATE("user.reactivate", 1),
  USER_UPDATE("user.update", 1),
  GROUP_CREATE("group.create", 2),
  GROUP_UPDATE("group.update", 2),
  MEMBERSHIP_ADD("membership.add", 3),
  MEMBERSHIP_REMOVE("membership.remove", 4),
  GROUP_DELETE("group.delete", 5),
  USER_DEACTIVATE("user.deactivate", 6);

  private final String wireName;
  private final int phase;

  ActionType(String wireName, int phase) {
    this.wireName = wireName;
    this.phase = phase;
  }

  public String wireName() {
    return wireName;
  }

  /**
   * Actions of a run are emitted by phase: users appear before the memberships that name them,
   * a deleted group's members are removed before the group, and deactivations come last.
   */
  public int phase() {
    return phase;
  }
}
