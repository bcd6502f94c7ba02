package io.dirsync.emulator.graph;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The OData query options of one request, decoded ({@code %24select} and {@code $select} alike),
 * and the encoding used when the emulator writes them back into a link.
 */
final class GraphQuery {

  private final Map<String, String> params;

  private GraphQuery(Map<String, String> params) {
    this.params = params;
  }

  static GraphQuery parse(String rawQuery) {
    Map<String, String> p = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        p.put(name, value);
      }
    }
    return new GraphQuery(p);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  String get(String name) {
    return params.get(name);
  }

  boolean has(String name) {
    return params.containsKey(name);
  }

  Map<String, String> all() {
    return params;
  }

  /** {@code $select} as a list, or null when absent. */
  List<String> select() {
    String s = params.get("$select");
    if (s == null) {
      return null;
    }
    return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty())
        .collect(Collectors.toList());
  }

  /** The query without {@code $skiptoken}, in a canonical form, to bind a page token to it. */
  String canonicalWithout(String excluded) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(excluded)) {
        parts.add(k + "=" + v);
      }
    });
    parts.sort(null);
    return String.join("&", parts);
  }

  /** The query written back as Graph writes links: {@code $} and {@code ,} kept literal. */
  String encoded(String excluded) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> {
      if (!k.equalsIgnoreCase(excluded)) {
        parts.add(encode(k) + "=" + encode(v));
      }
    });
    return String.join("&", parts);
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$")
        .replace("%2C", ",").replace("%27", "'").replace("%28", "(").replace("%29", ")");
  }
}
