package io.dirsync.azure.internal;

import com.microsoft.kiota.RequestInformation;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * What a request costs in resource units of the identity and access service's token bucket, as
 * Microsoft documents it (SPEC A7): {@code GET users} 2, {@code groups/{id}/members} 3,
 * {@code groups/{id}/transitiveMembers} 5, any other GET 1; {@code $select} −1, {@code $expand} +1,
 * {@code $top} below 20 −1; never below 1.
 */
final class GraphCosts {

  private GraphCosts() {
  }

  static int resourceUnits(RequestInformation request) {
    try {
      return resourceUnits(request.getUri());
    } catch (Exception unreadable) {
      return 1;
    }
  }

  static int resourceUnits(URI uri) {
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int cost;
    if (path.endsWith("/transitiveMembers")) {
      cost = 5;
    } else if (path.endsWith("/members")) {
      cost = 3;
    } else if (path.endsWith("/users")) {
      cost = 2;
    } else {
      cost = 1;
    }
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        switch (key) {
          case "$select" -> cost -= 1;
          case "$expand" -> cost += 1;
          case "$top" -> cost -= topBelow20(value) ? 1 : 0;
          default -> { }
        }
      }
    }
    return Math.max(1, cost);
  }

  private static boolean topBelow20(String value) {
    try {
      return Integer.parseInt(value.trim()) < 20;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
