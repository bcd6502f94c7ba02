package io.dirsync.emulator.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shape of a JSON document: object keys and value types, recursively, values ignored. Two
 * responses with the same shape differ only in data.
 */
final class Shapes {

  private Shapes() {
  }

  static JsonNode fixture(String name) {
    try (InputStream in = Shapes.class.getResourceAsStream("fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return GraphTestClient.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** e.g. {@code {error:{code:string,message:string}}}. Arrays show the shape of their first element. */
  static String of(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "missing";
    }
    if (n.isObject()) {
      TreeMap<String, String> fields = new TreeMap<>();
      n.properties().forEach(e -> fields.put(e.getKey(), of(e.getValue())));
      return fields.toString();
    }
    if (n.isArray()) {
      return n.isEmpty() ? "[]" : "[" + of(n.get(0)) + "]";
    }
    return n.isTextual() ? "string" : n.isNumber() ? "number" : n.isBoolean() ? "boolean" : "null";
  }

  static Set<String> keys(JsonNode n) {
    Set<String> keys = new TreeSet<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    return keys;
  }

  /** The keys of every element of a {@code value} array, united. */
  static Set<String> itemKeys(JsonNode page) {
    Set<String> keys = new TreeSet<>();
    page.path("value").forEach(v -> keys.addAll(keys(v)));
    return keys;
  }
}
