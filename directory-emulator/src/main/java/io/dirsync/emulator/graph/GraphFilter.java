package io.dirsync.emulator.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The subset of OData {@code $filter} the emulator understands: {@code eq}, {@code ne},
 * {@code in}, {@code startswith}, {@code endswith}, {@code not(...)}, joined by all-{@code and} or
 * all-{@code or}. Like Graph, {@code ne}, {@code not} and {@code endswith} are "advanced queries"
 * that need {@code ConsistencyLevel: eventual} and {@code $count=true}; a property that cannot be
 * filtered is refused with Graph's message.
 */
final class GraphFilter {

  private static final Set<String> USER_FILTERABLE = Set.of("id", "userPrincipalName", "mail",
      "displayName", "givenName", "surname", "accountEnabled", "department", "jobTitle", "employeeId",
      "mailNickname", "userType", "companyName", "country", "city", "usageLocation");
  private static final Set<String> GROUP_FILTERABLE = Set.of("id", "displayName", "mail",
      "mailNickname", "securityEnabled", "mailEnabled", "description");

  private final String text;
  private final String resource;
  private final GraphErrors errors;
  private int pos;
  private String advancedOperator;

  /** Whether the filter uses an operator that needs an advanced query (ne, not, endsWith). */
  static boolean needsAdvanced(String text, String resource, GraphErrors errors) {
    GraphFilter f = new GraphFilter(text.trim(), resource, errors);
    f.expression();
    return f.advancedOperator != null;
  }

  private GraphFilter(String text, String resource, GraphErrors errors) {
    this.text = text;
    this.resource = resource;
    this.errors = errors;
  }

  /**
   * @param resource {@code User} or {@code Group}, as Graph names it in messages
   * @param advanced whether the request is an advanced query (header + $count)
   */
  static Predicate<GraphObject> parse(String text, String resource, boolean advanced, GraphErrors errors) {
    GraphFilter f = new GraphFilter(text.trim(), resource, errors);
    Predicate<GraphObject> p = f.expression();
    f.skipSpaces();
    if (f.pos != f.text.length()) {
      throw errors.badRequest("Invalid filter clause: syntax error at position " + f.pos + " in '" + text + "'.");
    }
    if (f.advancedOperator != null && !advanced) {
      throw errors.unsupportedQuery("Operator '" + f.advancedOperator + "' is not supported because the required "
          + "parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual "
          + "header. Refer to https://aka.ms/graph-docs/advanced-queries for more information");
    }
    return p;
  }

  private Predicate<GraphObject> expression() {
    List<Predicate<GraphObject>> clauses = new ArrayList<>();
    clauses.add(clause());
    String joiner = null;
    while (true) {
      skipSpaces();
      String word = peekWord();
      if (!word.equals("and") && !word.equals("or")) {
        break;
      }
      if (joiner != null && !joiner.equals(word)) {
        throw errors.unsupportedQuery("Mixing 'and' and 'or' without parentheses is not supported by the emulator.");
      }
      joiner = word;
      pos += word.length();
      clauses.add(clause());
    }
    if (clauses.size() == 1) {
      return clauses.get(0);
    }
    boolean all = "and".equals(joiner);
    return o -> all ? clauses.stream().allMatch(c -> c.test(o)) : clauses.stream().anyMatch(c -> c.test(o));
  }

  private Predicate<GraphObject> clause() {
    skipSpaces();
    String word = peekWord();
    if (word.equals("not")) {
      pos += 3;
      expect('(');
      Predicate<GraphObject> inner = clause();
      expect(')');
      advancedOperator = "Not";
      return inner.negate();
    }
    if (word.equals("startswith") || word.equals("endswith")) {
      pos += word.length();
      expect('(');
      String prop = property();
      expect(',');
      Object value = literal();
      expect(')');
      if (word.equals("endswith")) {
        advancedOperator = "endsWith";
      }
      String v = String.valueOf(value).toLowerCase(Locale.ROOT);
      return o -> {
        String s = o.string(prop);
        if (s == null) {
          return false;
        }
        s = s.toLowerCase(Locale.ROOT);
        return word.equals("startswith") ? s.startsWith(v) : s.endsWith(v);
      };
    }
    String prop = property();
    skipSpaces();
    String op = peekWord();
    pos += op.length();
    switch (op) {
      case "eq" -> {
        Object v = literal();
        return o -> matches(o, prop, v);
      }
      case "ne" -> {
        advancedOperator = "ne";
        Object v = literal();
        return o -> !matches(o, prop, v);
      }
      case "in" -> {
        expect('(');
        List<Object> values = new ArrayList<>();
        do {
          values.add(literal());
          skipSpaces();
        } while (pos < text.length() && text.charAt(pos) == ',' && pos++ >= 0);
        expect(')');
        return o -> values.stream().anyMatch(v -> matches(o, prop, v));
      }
      default -> throw errors.badRequest("Invalid filter clause: unsupported operator '" + op + "'.");
    }
  }

  private static boolean matches(GraphObject o, String prop, Object value) {
    Object actual = prop.equals("id") ? o.id : o.get(prop);
    if (value == null || actual == null) {
      return value == actual;
    }
    if (value instanceof String s) {
      return s.equalsIgnoreCase(actual.toString());
    }
    return value.equals(actual);
  }

  private String property() {
    skipSpaces();
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String prop = text.substring(start, pos);
    Set<String> allowed = resource.equals("User") ? USER_FILTERABLE : GROUP_FILTERABLE;
    if (prop.isEmpty()) {
      throw errors.badRequest("Invalid filter clause: a property name was expected at position " + start + ".");
    }
    if (!allowed.contains(prop) && !prop.startsWith("extension_")) {
      throw errors.unsupportedQuery("Unsupported or invalid query filter clause specified for property '" + prop
          + "' of resource '" + resource + "'.");
    }
    return prop;
  }

  private Object literal() {
    skipSpaces();
    if (pos < text.length() && text.charAt(pos) == '\'') {
      StringBuilder sb = new StringBuilder();
      pos++;
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '\'') {
          if (pos < text.length() && text.charAt(pos) == '\'') {
            sb.append('\'');
            pos++;
          } else {
            return sb.toString();
          }
        } else {
          sb.append(c);
        }
      }
      throw errors.badRequest("Invalid filter clause: unterminated string literal.");
    }
    String word = peekWord();
    pos += word.length();
    return switch (word) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      case "null" -> null;
      default -> throw errors.badRequest("Invalid filter clause: unexpected '" + word + "'.");
    };
  }

  private String peekWord() {
    int end = pos;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return text.substring(pos, end);
  }

  private void expect(char c) {
    skipSpaces();
    if (pos >= text.length() || text.charAt(pos) != c) {
      throw errors.badRequest("Invalid filter clause: '" + c + "' expected at position " + pos + ".");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < text.length() && text.charAt(pos) == ' ') {
      pos++;
    }
  }
}
