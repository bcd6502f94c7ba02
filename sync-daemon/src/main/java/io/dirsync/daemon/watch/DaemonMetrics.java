package io.dirsync.daemon.watch;

import io.dirsync.core.snapshot.DirectoryStats;
import io.dirsync.core.snapshot.RunRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The daemon's metrics in Micrometer, exposed in the Prometheus text format on {@code /metrics}
 * (names as Prometheus sees them; docs/operations.md has alert rules on them):
 *
 * <ul>
 *   <li>{@code dirsync_runs_total{directory,mode,outcome}}: finished runs (outcome succeeded, failed, held)
 *   <li>{@code dirsync_runs_skipped_total{directory}}: scheduled runs skipped because another process
 *       was syncing the directory
 *   <li>{@code dirsync_actions_total{directory,type}}: committed actions by type
 *   <li>{@code dirsync_run_duration_seconds{directory,mode}}: how long runs took (count, sum, max)
 *   <li>{@code dirsync_retries_total{directory}}, {@code dirsync_throttled_total{directory}}: HTTP
 *       requests retried, and responses that were throttling (429, rate-limit 403, 503 with Retry-After)
 *   <li>{@code dirsync_users{directory}}, {@code dirsync_active_users{directory}}: the snapshot
 *   <li>{@code dirsync_held{directory}}: 1 while the deletion threshold holds the directory
 *   <li>{@code dirsync_outbox_pending{directory}}: actions not yet delivered to every sink
 *   <li>{@code dirsync_last_success_timestamp_seconds{directory}}: when its last successful run ended
 * </ul>
 *
 * Thread-safe.
 */
public final class DaemonMetrics {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Gauges> gauges = new ConcurrentHashMap<>();

  /** Per directory values read from the state database after each run. */
  private static final class Gauges {
    final AtomicLong users = new AtomicLong();
    final AtomicLong activeUsers = new AtomicLong();
    final AtomicLong held = new AtomicLong();
    final AtomicLong pending = new AtomicLong();
    final AtomicLong lastSuccess = new AtomicLong();
  }

  public void recordRun(RunRecord r) {
    String d = r.directory();
    Counter.builder("dirsync.runs").description("Finished sync runs").tags("directory", d, "mode", r.mode(),
        "outcome", r.outcome()).register(registry).increment();
    r.counts().forEach((type, n) -> Counter.builder("dirsync.actions").description("Committed actions")
        .tags("directory", d, "type", type).register(registry).increment(n));
    if (r.finishedAt() != null) {
      Timer.builder("dirsync.run.duration").description("Duration of sync runs").tags("directory", d, "mode", r.mode())
          .register(registry).record(Duration.between(r.startedAt(), r.finishedAt()));
    }
    Counter.builder("dirsync.retries").description("HTTP requests retried").tag("directory", d).register(registry)
        .increment(r.retries());
    Counter.builder("dirsync.throttled").description("Throttled responses").tag("directory", d).register(registry)
        .increment(r.throttled());
    if ("succeeded".equals(r.outcome()) && r.finishedAt() != null) {
      gauges(d).lastSuccess.set(r.finishedAt().getEpochSecond());
    }
  }

  public void skipped(String directory) {
    Counter.builder("dirsync.runs.skipped").description("Scheduled runs skipped: the directory was busy")
        .tag("directory", directory).register(registry).increment();
  }

  /** Updates the snapshot, hold and outbox gauges of a directory. */
  public void directory(String directory, DirectoryStats stats, long pending) {
    Gauges g = gauges(directory);
    g.users.set(stats.users());
    g.activeUsers.set(stats.activeUsers());
    g.held.set(stats.held() ? 1 : 0);
    g.pending.set(pending);
  }

  /** Seeds the last-success gauge from the state database at start-up. */
  public void lastSuccess(String directory, long epochSecond) {
    gauges(directory).lastSuccess.set(epochSecond);
  }

  private Gauges gauges(String directory) {
    return gauges.computeIfAbsent(directory, d -> {
      Gauges g = new Gauges();
      Gauge.builder("dirsync.users", g.users, AtomicLong::get).description("Users in the snapshot (not deleted)")
          .tag("directory", d).register(registry);
      Gauge.builder("dirsync.active.users", g.activeUsers, AtomicLong::get).description("Active users in the snapshot")
          .tag("directory", d).register(registry);
      Gauge.builder("dirsync.held", g.held, AtomicLong::get).description("1 while held by the deletion threshold")
          .tag("directory", d).register(registry);
      Gauge.builder("dirsync.outbox.pending", g.pending, AtomicLong::get)
          .description("Actions not yet delivered to every sink").tag("directory", d).register(registry);
      Gauge.builder("dirsync.last.success.timestamp.seconds", g.lastSuccess, AtomicLong::get)
          .description("When the last successful run ended (Unix time)").tag("directory", d).register(registry);
      return g;
    });
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
