package io.dirsync.daemon.watch;

import io.dirsync.core.snapshot.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * What {@code /healthz} says: unhealthy when a directory's last run failed, or when it is stale —
 * two scheduled runs (full syncs by its cron, or delta polls where it has them) were due since its
 * last successful run ended (or since the daemon started, for a directory that never succeeded).
 * A held directory is reported but is not unhealthy by itself; it goes stale if it stays held.
 * Thread-safe.
 */
public final class Health {

  /** One directory as the health check sees it. */
  public record Directory(String id, String lastOutcome, Instant lastSuccess, boolean stale) {
    public boolean healthy() {
      return !"failed".equals(lastOutcome) && !stale;
    }
  }

  /**
   * When the directory's next scheduled run is due after a given instant.
   *
   * @param delta its delta interval, or null when its connector has no deltas
   */
  public record Schedule(String cron, Duration delta) {}

  private final Instant started;
  private final BiFunction<String, Instant, Instant> nextCron;
  private final Map<String, String> lastOutcome = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

  /**
   * @param started when the daemon started
   * @param nextCron (cron, after) → the cron's next fire time after that instant, or null
   */
  public Health(Instant started, BiFunction<String, Instant, Instant> nextCron) {
    this.started = started;
    this.nextCron = nextCron;
  }

  public void record(RunRecord r) {
    if ("dry-run".equals(r.mode())) {
      return;
    }
    lastOutcome.put(r.directory(), r.outcome());
    if ("succeeded".equals(r.outcome()) && r.finishedAt() != null) {
      lastSuccess.merge(r.directory(), r.finishedAt(), (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  /** Seeds a directory from the state database at start-up. */
  public void seed(String directory, String lastOutcome, Instant lastSuccess) {
    if (lastOutcome != null) {
      this.lastOutcome.put(directory, lastOutcome);
    }
    if (lastSuccess != null) {
      this.lastSuccess.put(directory, lastSuccess);
    }
  }

  public List<Directory> check(Map<String, Schedule> schedules, Instant now) {
    List<Directory> out = new ArrayList<>();
    schedules.forEach((id, s) -> {
      Instant success = lastSuccess.get(id);
      Instant since = success == null ? started : success;
      Instant due = next(s, next(s, since));
      out.add(new Directory(id, lastOutcome.get(id), success, due != null && now.isAfter(due)));
    });
    out.sort(java.util.Comparator.comparing(Directory::id));
    return out;
  }

  private Instant next(Schedule s, Instant after) {
    if (after == null) {
      return null;
    }
    Instant cron = nextCron.apply(s.cron(), after);
    Instant delta = s.delta() == null ? null : after.plus(s.delta());
    if (cron == null) {
      return delta;
    }
    return delta == null || cron.isBefore(delta) ? cron : delta;
  }
}
