package io.dirsync.core.snapshot;

import java.time.Instant;

/**
 * Counts of one directory's snapshot for {@code status}.
 *
 * @param users users present in the source (not deleted), active or not
 * @param heldSince when the directory was held by the deletion threshold, or null
 */
public record DirectoryStats(long users, long activeUsers, long groups, long memberships,
    Instant heldSince, String heldReason) {

  public boolean held() {
    return heldSince != null;
  }
}
