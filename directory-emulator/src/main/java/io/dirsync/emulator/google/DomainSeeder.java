package io.dirsync.emulator.google;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fills a {@link GoogleDirectory} with a plausible organisation, the same for the same seed:
 * an admin, users across org units and two domains (some suspended, some archived), manager
 * relations, employee ids, custom schemas (single- and multi-valued), groups with nesting
 * (including a cycle), a {@code CUSTOMER} member and external members (one without an email).
 */
final class DomainSeeder {

  private static final String[] GIVEN = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Ken",
      "Frances", "John", "Radia", "Dennis", "Shafi", "Tim", "Sophie", "Niklaus", "Hedy", "Linus", "Katherine",
      "Guido", "Annie", "Bjarne", "Joan", "James", "Lynn", "Leslie", "Mary", "Robin", "Zoë", "Anita"};
  private static final String[] FAMILY = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton",
      "Thompson", "Allen", "McCarthy", "Perlman", "Ritchie", "Goldwasser", "Berners-Lee", "Wilson", "Wirth",
      "Lamarr", "Torvalds", "Johnson", "van Rossum", "Easley", "Stroustrup", "Clarke", "Gosling", "Conway",
      "Lamport", "Keller", "Milner", "Kowalski", "Borg"};
  private static final String[][] UNITS = {
      {"/Engineering", "Engineering"}, {"/Engineering/Platform", "Platform"}, {"/Sales", "Sales"},
      {"/Sales/EMEA", "Sales EMEA"}, {"/Support", "Support"}, {"/", "Operations"}};
  private static final String[] TITLES = {"Engineer", "Senior Engineer", "Manager", "Analyst", "Director",
      "Intern", "Account Executive", "Support Specialist"};

  private DomainSeeder() {
  }

  static void seed(GoogleDirectory dir, String domain, String secondaryDomain, String adminEmail, int users,
      int groups, long seed) {
    Random r = new Random(seed);
    dir.addUser(GoogleUser.builder(adminEmail).name("Workspace", "Admin").admin(true).department("IT")
        .title("Administrator").build());
    List<GoogleUser> added = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      String given = GIVEN[i % GIVEN.length];
      String family = FAMILY[(i / GIVEN.length) % FAMILY.length];
      String local = (ascii(given) + "." + ascii(family)).toLowerCase(Locale.ROOT)
          + (i < GIVEN.length * FAMILY.length ? "" : Integer.toString(i));
      String d = secondaryDomain != null && i % 20 == 19 ? secondaryDomain : domain;
      String[] unit = UNITS[r.nextInt(UNITS.length)];
      boolean suspended = i % 31 == 7;
      GoogleUser.Builder b = GoogleUser.builder(local + "@" + d)
          .name(given, family)
          .suspended(suspended)
          .archived(i % 97 == 13)
          .orgUnitPath(suspended ? "/Offboarding" : unit[0])
          .department(unit[1])
          .title(TITLES[r.nextInt(TITLES.length)])
          .employeeId(i % 10 == 9 ? null : String.format("E%06d", 10000 + i))
          .creationTime(Instant.parse("2019-01-01T00:00:00Z").plusSeconds(86_400L * r.nextInt(1500)))
          .lastLoginTime(i % 6 == 5 ? Instant.EPOCH : Instant.parse("2026-01-01T00:00:00Z")
              .plusSeconds(r.nextInt(10_000_000)))
          .customField("HR", "costCenter", "CC-" + (100 + i % 12))
          .customField("HR", "level", Integer.toString(1 + r.nextInt(7)));
      if (i >= 8) {
        b.managerEmail(added.get(i / 8 - 1).primaryEmail());
      }
      if (i % 3 == 0) {
        b.customField("Badges", "ids", List.of(Map.of("value", "B" + i, "type", "work"),
            Map.of("value", "P" + i, "type", "custom", "customType", "parking")));
      }
      added.add(dir.addUser(b.build()));
    }
    List<GoogleGroup> made = new ArrayList<>();
    for (int j = 0; j < groups; j++) {
      String email = String.format("team-%04d@%s", j, domain);
      made.add(dir.createGroup(GoogleGroup.of(email, "Team " + j, j % 4 == 3 ? null : "Seeded group " + j)));
    }
    for (int i = 0; i < added.size() && groups > 0; i++) {
      GoogleUser u = added.get(i);
      String role = i < groups ? "OWNER" : i % 17 == 0 ? "MANAGER" : "MEMBER";
      dir.addMember(made.get(i % groups).id(), GoogleDirectory.Entry.of(u.id(), MemberType.USER, role));
    }
    for (int j = 1; j < groups; j++) {
      if (j % 3 == 0) {
        dir.addMember(made.get((j - 1) / 4).id(), GoogleDirectory.Entry.of(made.get(j).id(), MemberType.GROUP,
            "MEMBER"), Instant.EPOCH);
      }
    }
    if (groups >= 3) {
      // a nesting cycle: team-1 ⊂ team-2 ⊂ team-1
      dir.addMember(made.get(1).id(), GoogleDirectory.Entry.of(made.get(2).id(), MemberType.GROUP, "MEMBER"),
          Instant.EPOCH);
      dir.addMember(made.get(2).id(), GoogleDirectory.Entry.of(made.get(1).id(), MemberType.GROUP, "MEMBER"),
          Instant.EPOCH);
    }
    if (groups >= 1) {
      dir.addMember(made.get(0).id(), GoogleDirectory.Entry.of(dir.customerId(), MemberType.CUSTOMER, "MEMBER"));
      dir.addMember(made.get(0).id(), GoogleDirectory.Entry.external(dir.newExternalId(),
          "partner@external.example"));
      dir.addMember(made.get(0).id(), GoogleDirectory.Entry.external(dir.newExternalId(), null));
    }
  }

  private static String ascii(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z-]", "");
  }
}
