package io.dirsync.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code daemon:} block into a {@link DaemonConfig}; every mistake names {@code daemon.KEY}. */
final class DaemonSection {

  private static final Set<String> KEYS = Set.of("poolSize", "shutdownGrace", "busyWait", "http");
  private static final Set<String> HTTP_KEYS = Set.of("address", "port");

  private final Path file;

  private DaemonSection(Path file) {
    this.file = file;
  }

  static DaemonConfig read(Path file, JsonNode node) {
    return new DaemonSection(file).read(node);
  }

  private DaemonConfig read(JsonNode node) {
    if (node == null || node.isNull()) {
      return DaemonConfig.DEFAULTS;
    }
    mapping(node, "daemon", KEYS);
    int pool = integer(node, "daemon.poolSize", "poolSize", DaemonConfig.DEFAULT_POOL_SIZE, 1, 64);
    Duration grace = duration(node, "daemon.shutdownGrace", "shutdownGrace", DaemonConfig.DEFAULT_SHUTDOWN_GRACE);
    Duration wait = duration(node, "daemon.busyWait", "busyWait", DaemonConfig.DEFAULT_BUSY_WAIT);
    Optional<DaemonConfig.Http> http = Optional.empty();
    JsonNode h = node.get("http");
    if (h != null && !h.isNull()) {
      mapping(h, "daemon.http", HTTP_KEYS);
      JsonNode a = h.get("address");
      if (a != null && (!a.isTextual() || a.asText().isBlank())) {
        throw new ConfigError(file, "daemon.http.address", "must be an IP address or host name, e.g. 127.0.0.1");
      }
      String address = a == null ? DaemonConfig.Http.DEFAULT_ADDRESS : a.asText();
      int port = integer(h, "daemon.http.port", "port", DaemonConfig.Http.DEFAULT_PORT, 0, 65535);
      http = Optional.of(new DaemonConfig.Http(address, port));
    }
    return new DaemonConfig(pool, grace, wait, http);
  }

  private void mapping(JsonNode node, String at, Set<String> allowed) {
    if (!node.isObject()) {
      throw new ConfigError(file, at, "must be a mapping (keys: " + String.join(", ", new TreeSet<>(allowed)) + ")");
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String k = names.next();
      if (!allowed.contains(k)) {
        throw new ConfigError(file, at + "." + k, "unknown key (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  private int integer(JsonNode node, String at, String key, int dflt, int min, int max) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
      throw new ConfigError(file, at, "expected a whole number from " + min + " to " + max + ", was '" + v.asText() + "'");
    }
    return v.intValue();
  }

  private Duration duration(JsonNode node, String at, String key, Duration dflt) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return dflt;
    }
    try {
      Duration d = Duration.parse(v.asText());
      if (d.isNegative()) {
        throw new ConfigError(file, at, "must not be negative, was " + v.asText());
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigError(file, at, "not an ISO-8601 duration: '" + v.asText() + "'; e.g. PT30S");
    }
  }
}
