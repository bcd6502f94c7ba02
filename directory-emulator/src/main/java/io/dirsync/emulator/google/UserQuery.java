package io.dirsync.emulator.google;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of the Directory API's user search syntax the emulator understands: space-separated
 * clauses, all of which must match; {@code field=value} (exact, case-insensitive), {@code field:value}
 * (a word of the field starts with the value), {@code field:prefix*}; values may be single-quoted.
 * Fields: {@code email}, {@code givenName}, {@code familyName}, {@code name}, {@code isAdmin},
 * {@code isSuspended}, {@code isArchived}, {@code orgUnitPath} (the unit and every unit below it),
 * {@code externalId}, {@code manager}, {@code orgDepartment}, {@code orgTitle}, and custom fields as
 * {@code schema.field}. A bare word matches a prefix of the given name, family name or email.
 */
final class UserQuery {

  private static final Pattern CLAUSE = Pattern.compile("([A-Za-z][\\w.]*)\\s*(=|:)\\s*(.*)");

  private UserQuery() {
  }

  /** @throws IllegalArgumentException for what the emulator does not understand */
  static Predicate<GoogleUser> parse(String query) {
    Predicate<GoogleUser> all = u -> true;
    if (query == null || query.isBlank()) {
      return all;
    }
    for (String clause : split(query)) {
      all = all.and(clause(clause));
    }
    return all;
  }

  private static Predicate<GoogleUser> clause(String clause) {
    Matcher m = CLAUSE.matcher(clause);
    if (!m.matches()) {
      String word = unquote(clause).toLowerCase(Locale.ROOT);
      return u -> prefix(u.givenName(), word) || prefix(u.familyName(), word) || prefix(u.primaryEmail(), word);
    }
    String field = m.group(1);
    boolean exact = m.group(2).equals("=");
    String value = unquote(m.group(3));
    return switch (field) {
      case "email" -> text(GoogleUser::primaryEmail, exact, value);
      case "givenName" -> text(GoogleUser::givenName, exact, value);
      case "familyName" -> text(GoogleUser::familyName, exact, value);
      case "name" -> text(GoogleUser::fullName, exact, value);
      case "externalId" -> text(GoogleUser::employeeId, exact, value);
      case "manager" -> text(GoogleUser::managerEmail, exact, value);
      case "orgDepartment" -> text(GoogleUser::department, exact, value);
      case "orgTitle" -> text(GoogleUser::title, exact, value);
      case "isAdmin" -> bool(GoogleUser::admin, value);
      case "isSuspended" -> bool(GoogleUser::suspended, value);
      case "isArchived" -> bool(GoogleUser::archived, value);
      case "orgUnitPath" -> {
        String path = value.endsWith("/") && value.length() > 1 ? value.substring(0, value.length() - 1) : value;
        yield u -> path.equals("/") || u.orgUnitPath().equalsIgnoreCase(path)
            || u.orgUnitPath().toLowerCase(Locale.ROOT).startsWith(path.toLowerCase(Locale.ROOT) + "/");
      }
      default -> {
        int dot = field.indexOf('.');
        if (dot <= 0) {
          throw new IllegalArgumentException("unknown search field " + field);
        }
        String schema = field.substring(0, dot);
        String name = field.substring(dot + 1);
        yield text(u -> {
          Object v = u.customSchemas().getOrDefault(schema, Map.of()).get(name);
          return v instanceof String s ? s : null;
        }, exact, value);
      }
    };
  }

  private static Predicate<GoogleUser> text(java.util.function.Function<GoogleUser, String> f, boolean exact,
      String value) {
    String v = value.toLowerCase(Locale.ROOT);
    if (exact) {
      return u -> f.apply(u) != null && f.apply(u).equalsIgnoreCase(value);
    }
    String p = v.endsWith("*") ? v.substring(0, v.length() - 1) : v;
    return u -> prefix(f.apply(u), p);
  }

  private static Predicate<GoogleUser> bool(Predicate<GoogleUser> f, String value) {
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("expected true or false, got " + value);
    }
    boolean want = Boolean.parseBoolean(value.toLowerCase(Locale.ROOT));
    return u -> f.test(u) == want;
  }

  /** Whether the value, or one of its words, starts with {@code prefix} (case-insensitive). */
  private static boolean prefix(String value, String prefix) {
    if (value == null) {
      return false;
    }
    String v = value.toLowerCase(Locale.ROOT);
    if (v.startsWith(prefix)) {
      return true;
    }
    for (String word : v.split("[\\s@._-]+")) {
      if (word.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static String unquote(String s) {
    String t = s.trim();
    if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
      return t.substring(1, t.length() - 1).replace("\\'", "'");
    }
    return t;
  }

  private static List<String> split(String query) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\'' && (i == 0 || query.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (Character.isWhitespace(c) && !quoted) {
        if (!cur.isEmpty()) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quote");
    }
    if (!cur.isEmpty()) {
      out.add(cur.toString());
    }
    return out;
  }
}
