package io.dirsync.emulator.graph;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeds a sample organisation deterministically from a seed: users with non-ASCII names, some
 * disabled, some without a department or a mail (never set, so omitted in delta rounds), custom
 * attributes; a large "All Staff" group, department groups, nested groups and a few members that
 * are neither users nor groups.
 */
final class OrgSeeder {

  private static final String[] GIVEN = {"Ada", "Zoë", "José", "Björn", "Łukasz", "Søren", "Amélie", "Chloé",
      "Ngozi", "Hiroshi", "Mateo", "Aisha", "François", "Jürgen", "Siobhán", "Dmitri", "Priya", "Émile", "Noémie",
      "Oğuz", "Grace", "Linus"};
  private static final String[] FAMILY = {"Lovelace", "Müller", "García", "Nørgaard", "Kowalski", "O'Brien",
      "Dubois", "Okafor", "山田", "Øster", "Nakamura", "Fernández", "Çelik", "Ramírez", "Schäfer", "Петров",
      "Hopper", "Torvalds"};
  private static final String[] DEPARTMENTS = {"Engineering", "Sales", "Finance", "R&D", "Support", "Marketing",
      "Operations"};
  private static final String[] TITLES = {"Engineer", "Manager", "Analyst", "Director", "Intern", "Consultant",
      "Specialist"};

  private OrgSeeder() {
  }

  static void seed(GraphEmulator emu, String domain, int users, int groups, boolean nested, int disabledEvery,
      long seed, String extensionAppId) {
    Random random = new Random(seed);
    Instant created = Instant.parse("2024-01-15T09:00:00Z");
    List<String> userIds = new ArrayList<>();
    Map<String, List<String>> byDepartment = new LinkedHashMap<>();
    for (int i = 0; i < users; i++) {
      String given = GIVEN[random.nextInt(GIVEN.length)];
      String family = FAMILY[random.nextInt(FAMILY.length)];
      String upn = ascii(given) + "." + ascii(family) + i + "@" + domain;
      Map<String, Object> p = new HashMap<>();
      p.put("givenName", given);
      p.put("surname", family);
      p.put("displayName", given + " " + family);
      p.put("accountEnabled", disabledEvery <= 0 || i % disabledEvery != disabledEvery - 1);
      p.put("jobTitle", TITLES[random.nextInt(TITLES.length)]);
      p.put("employeeId", String.format(Locale.ROOT, "E%05d", i));
      p.put("createdDateTime", created.plusSeconds(3600L * i).toString());
      p.put("businessPhones", List.of());
      p.put("onPremisesExtensionAttributes", extensionAttributes("CC-" + (100 + random.nextInt(20))));
      p.put("extension_" + extensionAppId + "_costCenter", "C" + (1000 + random.nextInt(50)));
      String department = null;
      if (i % 7 != 6) {
        department = DEPARTMENTS[random.nextInt(DEPARTMENTS.length)];
        p.put("department", department);
      }
      if (i % 9 != 8) {
        p.put("mail", upn);
      }
      String id = emu.addUser(upn, p);
      userIds.add(id);
      if (department != null) {
        byDepartment.computeIfAbsent(department, d -> new ArrayList<>()).add(id);
      }
    }
    for (int i = 1; i < userIds.size(); i++) {
      emu.setManager(userIds.get(i), userIds.get((i - 1) / 5));
    }
    if (groups <= 0) {
      return;
    }
    List<String> groupIds = new ArrayList<>();
    String all = emu.createGroup("All Staff", group("All Staff", "allstaff", domain, false));
    groupIds.add(all);
    userIds.forEach(u -> emu.addMember(all, u));
    List<String> departments = new ArrayList<>(byDepartment.keySet());
    for (int g = 1; g < groups; g++) {
      boolean isDepartment = g - 1 < departments.size();
      String name = isDepartment ? departments.get(g - 1) : "Team " + g;
      String id = emu.createGroup(name, group(name, "grp" + g, domain, g % 4 == 3));
      groupIds.add(id);
      List<String> members = isDepartment ? byDepartment.get(name) : pick(userIds, random, 2 + random.nextInt(8));
      members.forEach(u -> emu.addMember(id, u));
      if (nested && g >= 2 && g % 3 == 2) {
        emu.addMember(groupIds.get(g - 1), id);
      }
    }
    if (groups >= 2) {
      emu.addMember(groupIds.get(1), emu.addDirectoryObject("orgContact", "External Contact"));
      emu.addMember(groupIds.get(groups - 1), emu.addDirectoryObject("device", "Kiosk-01"));
    }
  }

  private static Map<String, Object> group(String name, String nickname, String domain, boolean unified) {
    Map<String, Object> p = new HashMap<>();
    p.put("description", name + " (seeded)");
    p.put("mail", nickname + "@" + domain);
    p.put("mailNickname", nickname);
    p.put("mailEnabled", unified);
    p.put("securityEnabled", !unified);
    p.put("groupTypes", unified ? List.of("Unified") : List.of());
    p.put("createdDateTime", "2024-01-10T08:00:00Z");
    return p;
  }

  static Map<String, Object> extensionAttributes(String first) {
    Map<String, Object> ext = new LinkedHashMap<>();
    for (int i = 1; i <= 15; i++) {
      ext.put("extensionAttribute" + i, i == 1 ? first : null);
    }
    return ext;
  }

  private static List<String> pick(List<String> from, Random random, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n && !from.isEmpty(); i++) {
      String id = from.get(random.nextInt(from.size()));
      if (!out.contains(id)) {
        out.add(id);
      }
    }
    return out;
  }

  static String ascii(String s) {
    String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
        .toLowerCase(Locale.ROOT);
    return folded.isEmpty() ? "user" : folded;
  }
}
