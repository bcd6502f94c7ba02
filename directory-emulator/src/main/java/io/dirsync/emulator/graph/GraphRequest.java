package io.dirsync.emulator.graph;

import java.time.Instant;
import java.util.Map;

/**
 * One request the emulator received, for assertions. {@code authorization} holds only the scheme
 * ({@code Bearer}) or null, never the token.
 *
 * @param path the raw path, e.g. {@code /v1.0/users/delta()} or {@code /TENANT/oauth2/v2.0/token}
 * @param query the decoded query options ({@code $select}, {@code $skiptoken}, …)
 * @param headers the headers of interest that were present: {@code ConsistencyLevel},
 *     {@code Prefer}, {@code x-ms-throttle-priority}, {@code client-request-id}
 * @param status the status the emulator answered with
 */
public record GraphRequest(Instant at, String method, String path, String rawQuery,
    Map<String, String> query, String authorization, Map<String, String> headers, int status) {

  /** True for Graph API calls (not the token endpoint). */
  public boolean isGraph() {
    return path.startsWith("/v1.0/");
  }

  public boolean isToken() {
    return path.endsWith("/oauth2/v2.0/token");
  }

  /** True for a {@code /users/delta} or {@code /groups/delta} request in any of its path forms. */
  public boolean isDelta() {
    return path.contains("/delta") || path.contains("microsoft.graph.delta");
  }

  /** The Graph resource path without the version and the function's parentheses: {@code users/delta}. */
  public String resource() {
    String r = isGraph() ? path.substring("/v1.0/".length()) : path;
    return r.replace("microsoft.graph.delta", "delta").replace("delta()", "delta");
  }
}
