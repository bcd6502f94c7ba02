package io.dirsync.emulator.google;

import java.util.Map;

/** What the emulator answers: status, JSON body, extra headers, and the listing page it served (-1: none). */
record Response(int status, String body, Map<String, String> headers, int pageIndex) {

  static Response ok(String body, int pageIndex) {
    return new Response(200, body, Map.of(), pageIndex);
  }

  static Response error(GoogleError error) {
    return new Response(error.status(), error.body(), Map.of(), -1);
  }

  static Response fault(Fault fault, int pageIndex) {
    Map<String, String> headers = fault.retryAfterHeader()
        .map(d -> Map.of("Retry-After", Long.toString(Math.max(0, d.toSeconds()))))
        .orElse(Map.of());
    return new Response(fault.error().status(), fault.error().body(), headers, pageIndex);
  }
}
