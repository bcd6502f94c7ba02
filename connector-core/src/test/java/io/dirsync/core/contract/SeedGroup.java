package io.dirsync.core.contract;

import java.util.List;

/** A group to seed a source with, its direct members named by user name and group name. */
public record SeedGroup(String name, String email, List<String> memberUserNames, List<String> memberGroupNames) {
  public SeedGroup {
    memberUserNames = List.copyOf(memberUserNames);
    memberGroupNames = List.copyOf(memberGroupNames);
  }
}
