package io.dirsync.google;

import com.google.api.services.directory.model.User;
import io.dirsync.core.spi.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a configured attribute comes from in a Google user. The forms:
 * <ul>
 *   <li>a top-level field: {@code orgUnitPath}, {@code isAdmin}, {@code isDelegatedAdmin},
 *       {@code customerId}, {@code suspensionReason}, {@code creationTime}, {@code recoveryEmail};</li>
 *   <li>{@code customSchemas.<schema>.<field>}: a single value as is; a multi-valued field as its
 *       {@code value}s joined by commas, in the source's order;</li>
 *   <li>{@code externalIds.<type>}, {@code relations.<type>}, {@code phones.<type>}: the value of the
 *       first entry whose {@code type} (or {@code customType}) is that;</li>
 *   <li>{@code organizations.<field>}: a field of the primary organization ({@code costCenter},
 *       {@code location}, {@code name}, {@code description}, {@code department}, {@code title}, …).</li>
 * </ul>
 * A source that is absent in a user yields no attribute.
 *
 * @param kind the form
 * @param schema the schema (customSchemas) or null
 * @param name the field, type or top-level name
 */
record AttributeSource(Kind kind, String schema, String name) {

  enum Kind { TOP, CUSTOM_SCHEMA, TYPED_LIST, ORGANIZATION }

  private static final Set<String> TOP_LEVEL = Set.of("orgUnitPath", "isAdmin", "isDelegatedAdmin", "customerId",
      "suspensionReason", "creationTime", "recoveryEmail");
  private static final Set<String> TYPED_LISTS = Set.of("externalIds", "relations", "phones");

  static AttributeSource parse(String key, String expression) {
    if (expression == null || expression.isBlank()) {
      throw new ConfigException(key, "needs a source, e.g. orgUnitPath or customSchemas.HR.costCenter");
    }
    String e = expression.trim();
    String[] p = e.split("\\.", -1);
    if (p.length == 1 && TOP_LEVEL.contains(e)) {
      return new AttributeSource(Kind.TOP, null, e);
    }
    if (p.length == 3 && p[0].equals("customSchemas") && !p[1].isEmpty() && !p[2].isEmpty()) {
      return new AttributeSource(Kind.CUSTOM_SCHEMA, p[1], p[2]);
    }
    if (p.length == 2 && TYPED_LISTS.contains(p[0]) && !p[1].isEmpty()) {
      return new AttributeSource(Kind.TYPED_LIST, p[0], p[1]);
    }
    if (p.length == 2 && p[0].equals("organizations") && !p[1].isEmpty()) {
      return new AttributeSource(Kind.ORGANIZATION, null, p[1]);
    }
    throw new ConfigException(key, "unknown source '" + e + "': use one of " + String.join(", ", TOP_LEVEL.stream()
        .sorted().toList()) + ", customSchemas.<schema>.<field>, externalIds.<type>, relations.<type>, "
        + "phones.<type>, organizations.<field>");
  }

  /** The value in {@code user}, or null when the user has none. */
  String extract(User user) {
    return switch (kind) {
      case TOP -> text(user.get(name));
      case CUSTOM_SCHEMA -> {
        Map<String, Map<String, Object>> schemas = user.getCustomSchemas();
        Map<String, Object> fields = schemas == null ? null : schemas.get(schema);
        yield fields == null ? null : customValue(fields.get(name));
      }
      case TYPED_LIST -> GoogleMapping.typedValue(user.get(schema), name);
      case ORGANIZATION -> {
        Map<?, ?> org = GoogleMapping.primaryOrganization(user.getOrganizations());
        yield org == null ? null : text(org.get(name));
      }
    };
  }

  private static String customValue(Object v) {
    if (v instanceof List<?> list) {
      List<String> values = new ArrayList<>();
      for (Object item : list) {
        String s = item instanceof Map<?, ?> m ? text(m.get("value")) : text(item);
        if (s != null) {
          values.add(s);
        }
      }
      return values.isEmpty() ? null : String.join(",", values);
    }
    return text(v);
  }

  static String text(Object v) {
    if (v == null || v instanceof Map || v instanceof List) {
      return null;
    }
    if (v instanceof com.google.api.client.util.DateTime dt) {
      return dt.toStringRfc3339();
    }
    if (v instanceof java.math.BigDecimal b) {
      return b.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    String s = v.toString();
    return s.isEmpty() ? null : s;
  }
}
