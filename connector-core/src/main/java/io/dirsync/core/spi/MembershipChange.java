package io.dirsync.core.spi;

import io.dirsync.core.model.Membership;
import java.util.Objects;

/** A member added to or removed from a group in a delta round. */
public record MembershipChange(Membership membership, boolean added) {
  public MembershipChange {
    Objects.requireNonNull(membership, "membership");
  }
}
