package io.dirsync.core.engine;

import io.dirsync.core.spi.ConfigException;

/**
 * The deletion threshold of DESIGN.md "Safety". A run is held when a full listing returned no users
 * while the snapshot has some; or it would deactivate more than {@code maxDeactivations} users or
 * delete more than that many groups; or it would deactivate at least {@value #MIN_FOR_PERCENT} users
 * and more than {@code maxDeactivationPercent} % of the snapshot's active users.
 */
public record SafetyPolicy(int maxDeactivations, int maxDeactivationPercent) {

  static final int MIN_FOR_PERCENT = 10;

  public static final SafetyPolicy DEFAULT = new SafetyPolicy(50, 10);

  public SafetyPolicy {
    if (maxDeactivations < 0) {
      throw new ConfigException("maxDeactivations", "must be 0 or more, was " + maxDeactivations);
    }
    if (maxDeactivationPercent < 0 || maxDeactivationPercent > 100) {
      throw new ConfigException("maxDeactivationPercent", "must be between 0 and 100, was " + maxDeactivationPercent);
    }
  }

  /**
   * @param fullListing true when the run listed everything (rule 1 applies)
   * @param fetchedUsers users the full listing returned
   * @param snapshotUsers users present in the snapshot before the run (not deleted)
   * @param snapshotActive active users in the snapshot before the run
   * @return why the run is held, or null when it may go through
   */
  public String check(boolean fullListing, long fetchedUsers, long snapshotUsers, long snapshotActive,
      int deactivations, int groupDeletes) {
    if (fullListing && fetchedUsers == 0 && snapshotUsers > 0) {
      return "the full listing returned no users while the snapshot has " + snapshotUsers;
    }
    if (deactivations > maxDeactivations) {
      return "it would deactivate " + deactivations + " users, more than maxDeactivations " + maxDeactivations;
    }
    if (groupDeletes > maxDeactivations) {
      return "it would delete " + groupDeletes + " groups, more than maxDeactivations " + maxDeactivations;
    }
    if (deactivations >= MIN_FOR_PERCENT && deactivations * 100L > (long) maxDeactivationPercent * snapshotActive) {
      return "it would deactivate " + deactivations + " of " + snapshotActive + " active users, more than "
          + maxDeactivationPercent + "%";
    }
    return null;
  }
}
