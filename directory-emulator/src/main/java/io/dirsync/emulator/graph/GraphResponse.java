package io.dirsync.emulator.graph;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: a status, a JSON body (null for none) and extra headers. */
record GraphResponse(int status, Object body, Map<String, String> headers) {

  static GraphResponse ok(Object body) {
    return new GraphResponse(200, body, Map.of());
  }

  GraphResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new GraphResponse(status, body, h);
  }
}
