package io.dirsync.core.contract;

import java.util.ArrayList;
import java.util.List;

/** The organisation every connector is seeded with in the contract suite. */
public record SeedOrg(List<SeedUser> users, List<SeedGroup> groups) {
  public SeedOrg {
    users = List.copyOf(users);
    groups = List.copyOf(groups);
  }

  /**
   * {@code n} users (every seventh disabled, one with a non-ASCII name), three groups: "staff" with
   * every active user, "admins" with two users, and "everyone" with "admins" nested in it.
   */
  public static SeedOrg standard(int n, String domain) {
    List<SeedUser> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String given = i == 3 ? "Zoë" : "Given" + i;
      users.add(new SeedUser(String.format("user%04d@%s", i, domain), given, "Family" + i, i % 7 != 6,
          "Dept" + (i % 5), "Title" + (i % 3)));
    }
    List<String> active = users.stream().filter(SeedUser::active).map(SeedUser::userName).toList();
    List<SeedGroup> groups = List.of(
        new SeedGroup("staff", "staff@" + domain, active, List.of()),
        new SeedGroup("admins", "admins@" + domain, List.of(users.get(0).userName(), users.get(1).userName()), List.of()),
        new SeedGroup("everyone", "everyone@" + domain, List.of(users.get(2).userName()), List.of("admins")));
    return new SeedOrg(users, groups);
  }
}
