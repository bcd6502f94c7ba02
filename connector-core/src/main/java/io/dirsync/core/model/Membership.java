package io.dirsync.core.model;

import java.util.Objects;

/** One member of one group: {@code memberId} is a user id or a group id, as {@code memberType} says. */
public record Membership(String groupId, String memberId, MemberType memberType) {
  public Membership {
    Objects.requireNonNull(groupId, "groupId");
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(memberType, "memberType");
  }
}
