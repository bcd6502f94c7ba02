package io.dirsync.bench;

import io.dirsync.core.model.User;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A synthetic directory of {@code size} users, computed from the index alone so that nothing is held
 * in memory: user {@code i} of the previous snapshot ({@link #before}) and of the current listing
 * ({@link #current}). Deterministic, so the expected plan is known.
 *
 * <p>Exactly 1 % of the users change between the two states: every user with {@code i % 100 == 50}.
 * Of those, by {@code (i / 100) % 20}: 16 in 20 are updated (job title, every other one also the
 * department), 2 in 20 are disabled, 1 in 20 is deleted (not listed) and for 1 in 20 a new user
 * appears (index {@code size + i}, created). Besides, 1 in 1000 users is disabled in both states.
 * Ids look like Entra object ids (random-looking UUIDs), so the listing is not in id order.
 */
public final class GeneratedDirectory {

  /** Bumped whenever the generated data changes, so a cached seed template is not reused. */
  static final int VERSION = 1;

  private static final String[] GIVEN = {
    "Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace", "Hedy", "Ivan",
    "John", "Katherine", "Leslie", "Margaret", "Niklaus", "Ole", "Peter", "Radia", "Shafi", "Tim",
    "Ursula", "Vint", "Whitfield", "Xiaoyun", "Yukihiro", "Zuse", "Anita", "Bjarne", "Cynthia", "Dennis"};
  private static final String[] FAMILY = {
    "Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hopper", "Lamarr",
    "Sutherland", "McCarthy", "Johnson", "Lamport", "Hamilton", "Wirth", "Dahl", "Naur", "Perlman",
    "Goldwasser", "Berners-Lee", "Franklin", "Cerf", "Diffie", "Wang", "Matsumoto", "Konrad", "Borg",
    "Stroustrup", "Dwork", "Ritchie", "Thompson", "Kernighan", "Pike", "Hoare", "Milner", "Backus"};
  private static final String[] DEPARTMENTS = {
    "Engineering", "Sales", "Marketing", "Finance", "Legal", "Operations", "Support", "Research",
    "Human Resources", "Facilities", "Security", "Product", "Design", "Data", "Procurement", "IT"};
  private static final String[] TITLES = {
    "Engineer", "Senior Engineer", "Staff Engineer", "Manager", "Director", "Analyst", "Associate",
    "Specialist", "Consultant", "Coordinator", "Administrator", "Architect", "Lead", "Intern",
    "Account Executive", "Designer", "Researcher", "Technician", "Officer", "Vice President"};
  private static final String[] OFFICES = {
    "Amsterdam", "Berlin", "Chicago", "Dublin", "Edinburgh", "Frankfurt", "Geneva", "Helsinki",
    "Istanbul", "Johannesburg", "Kyoto", "Lisbon", "Madrid", "Nairobi", "Oslo", "Paris"};

  private static final String[] GIVEN_LOWER = lower(GIVEN);
  private static final String[] FAMILY_LOWER = lower(FAMILY);

  private static String[] lower(String[] names) {
    return java.util.Arrays.stream(names).map(n -> n.toLowerCase(java.util.Locale.ROOT)).toArray(String[]::new);
  }

  /** What happens to one user between the snapshot and the listing. */
  public enum Change { NONE, UPDATE, DISABLE, DELETE, CREATE_NEIGHBOUR }

  private final long size;

  public GeneratedDirectory(long size) {
    if (size <= 0 || size % 2000 != 0) {
      throw new IllegalArgumentException("size must be a positive multiple of 2000, was " + size);
    }
    this.size = size;
  }

  public long size() {
    return size;
  }

  public static Change change(long i) {
    if (i % 100 != 50) {
      return Change.NONE;
    }
    int k = (int) ((i / 100) % 20);
    if (k < 16) {
      return Change.UPDATE;
    }
    if (k < 18) {
      return Change.DISABLE;
    }
    return k == 18 ? Change.DELETE : Change.CREATE_NEIGHBOUR;
  }

  /** Updates, deactivations (disabled + deleted) and creates the diff of this directory must plan. */
  public Expected expected() {
    long changed = size / 100;
    long perKind = changed / 20;
    return new Expected(16 * perKind, 3 * perKind, perKind);
  }

  /** The expected plan: user.update, user.deactivate and user.create counts. */
  public record Expected(long updates, long deactivations, long creates) {
    public long total() {
      return updates + deactivations + creates;
    }

    public Map<String, Integer> asCounts() {
      Map<String, Integer> m = new TreeMap<>();
      m.put("user.update", (int) updates);
      m.put("user.deactivate", (int) deactivations);
      m.put("user.create", (int) creates);
      return m;
    }
  }

  /** User {@code i} as the previous snapshot knows it ({@code 0 <= i < size}). */
  public User before(long i) {
    return user(i, TITLES[(int) (mix(i, 3) % TITLES.length)], DEPARTMENTS[(int) (mix(i, 4) % DEPARTMENTS.length)],
        i % 1000 != 999);
  }

  /** User {@code i} as the source lists it now, or null if it was deleted. */
  public User current(long i) {
    User b = before(i);
    return switch (change(i)) {
      case NONE, CREATE_NEIGHBOUR -> b;
      case DELETE -> null;
      case DISABLE -> b.withActive(false);
      case UPDATE -> user(i, TITLES[(int) ((mix(i, 3) + 1) % TITLES.length)],
          i % 200 == 50 ? DEPARTMENTS[(int) ((mix(i, 4) + 1) % DEPARTMENTS.length)] : b.department(), true);
    };
  }

  /** The user created in the listing beside user {@code i} (for {@link Change#CREATE_NEIGHBOUR}). */
  public User created(long i) {
    return before(size + i);
  }

  public static String id(long i) {
    return new UUID(mix(i, 1) & 0xffffffffffff0fffL | 0x4000L, mix(i, 2) & 0x3fffffffffffffffL | 0x8000000000000000L)
        .toString();
  }

  private static User user(long i, String title, String department, boolean active) {
    int g = (int) (mix(i, 5) % GIVEN.length);
    int f = (int) (mix(i, 6) % FAMILY.length);
    String given = GIVEN[g];
    String family = FAMILY[f];
    String login = GIVEN_LOWER[g] + "." + FAMILY_LOWER[f] + "." + i + "@example.com";
    Map<String, String> attrs = new TreeMap<>();
    attrs.put("costCenter", "CC-" + (mix(i, 7) % 400));
    attrs.put("officeLocation", OFFICES[(int) (mix(i, 8) % OFFICES.length)]);
    long manager = i - i % 25;
    return new User(id(i), login, login, given, family, given + " " + family, active, department, title,
        manager == i ? null : id(manager), employeeId(i), attrs);
  }

  /** {@code E} and the index in 8 digits at least. */
  private static String employeeId(long i) {
    String digits = Long.toString(i);
    return digits.length() >= 8 ? "E" + digits : "E" + "00000000".substring(digits.length()) + digits;
  }

  /** SplitMix64 of {@code i} in stream {@code salt}; non-negative. */
  static long mix(long i, int salt) {
    long z = i * 0x9E3779B97F4A7C15L + salt * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) >>> 1;
  }
}
