package io.dirsync.core.snapshot;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One run as the audit trail keeps it.
 *
 * @param mode {@code full}, {@code delta} or {@code dry-run}
 * @param outcome {@code succeeded}, {@code failed}, {@code held} or {@code running}
 * @param counts actions by wire type
 * @param message why it failed or was held, for operators; never a secret or a payload
 */
public record RunRecord(String id, String directory, String mode, String outcome, Instant startedAt,
    Instant finishedAt, Map<String, Integer> counts, String message, int retries, int throttled, long waitedMs) {

  public RunRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(directory, "directory");
    counts = java.util.Collections.unmodifiableMap(new TreeMap<>(counts == null ? Map.of() : counts));
  }
}
