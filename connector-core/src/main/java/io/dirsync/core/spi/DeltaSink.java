package io.dirsync.core.spi;

import java.util.List;

/**
 * Receives the pages of a delta round in arrival order. The same object may arrive several times
 * (replays, a large group repeated with slices of its members): later changes are applied on top
 * of earlier ones. Same threading rules as {@link FullListingSink}.
 */
public interface DeltaSink {

  void userChanges(List<UserChange> page) throws InterruptedException;

  void groupChanges(List<GroupChange> page) throws InterruptedException;

  void membershipChanges(List<MembershipChange> page) throws InterruptedException;
}
