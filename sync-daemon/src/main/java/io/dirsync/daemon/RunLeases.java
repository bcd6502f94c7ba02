package io.dirsync.daemon;

import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.snapshot.sqlite.DirectoryLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a directory under its lease in the state database ({@link DirectoryLeases}): waits a bounded
 * time for a lease another run holds, renews it every {@link #RENEW_EVERY} while the run goes on,
 * interrupts the run if the lease was lost (the run then commits nothing), and releases it at the end.
 */
final class RunLeases implements AutoCloseable {

  /** A holder that dies (SIGKILL, power loss) blocks its directory for at most this long. */
  static final Duration TTL = Duration.ofSeconds(60);
  static final Duration RENEW_EVERY = Duration.ofSeconds(20);
  private static final long POLL_MS = 200;
  private static final Logger LOG = LoggerFactory.getLogger(RunLeases.class);

  private final DirectoryLeases leases;
  private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "dirsync-lease-renewer");
    t.setDaemon(true);
    return t;
  });

  RunLeases(DirectoryLeases leases) {
    this.leases = leases;
  }

  /**
   * Runs {@code run} while holding {@code directory}'s lease.
   *
   * @return empty if another run held the lease for all of {@code wait} (or this thread was interrupted
   *     while waiting, its interrupt restored)
   */
  Optional<RunReport> around(String directory, Duration wait, Supplier<RunReport> run) {
    String owner = DirectoryLeases.newOwner();
    if (!acquire(directory, owner, wait)) {
      return Optional.empty();
    }
    Thread runner = Thread.currentThread();
    ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> renew(directory, owner, runner),
        RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    try {
      return Optional.of(run.get());
    } finally {
      renewal.cancel(false);
      leases.release(directory, owner);
    }
  }

  private boolean acquire(String directory, String owner, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean logged = false;
    while (!leases.tryAcquire(directory, owner, TTL)) {
      if (!logged && !wait.isZero()) {
        LOG.info("directory={} is busy ({}); waiting up to {} s for it", directory, describeHolder(directory),
            wait.toSeconds());
        logged = true;
      }
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(Math.min(POLL_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void renew(String directory, String owner, Thread runner) {
    try {
      if (!leases.renew(directory, owner, TTL)) {
        LOG.error("directory={} lease lost (expired and taken by {}); interrupting this run, it commits nothing",
            directory, describeHolder(directory));
        runner.interrupt();
      }
    } catch (RuntimeException e) {
      LOG.warn("directory={} could not renew its lease, will retry: {}", directory, e.getMessage());
    }
  }

  /** Who holds the directory now, for messages: {@code held by host/pid/x until T}. */
  String describeHolder(String directory) {
    return leases.holder(directory).map(h -> "held by " + h.owner() + " until " + h.expiresAt() + " unless renewed")
        .orElse("just released");
  }

  /** The report of a run that never started because the directory stayed busy; it is not recorded. */
  RunReport busy(String directory, Duration waited, RunOptions options, Clock clock) {
    Instant now = clock.instant();
    String message = "directory " + directory + " is busy: another run is syncing it (" + describeHolder(directory)
        + "); waited " + waited.toSeconds() + " s, nothing was run; try again when it has finished";
    RunRecord r = new RunRecord(UUID.randomUUID().toString(), directory,
        options.dryRun() ? "dry-run" : options.full() ? "full" : "delta", "failed", now, now, Map.of(), message, 0, 0, 0);
    return new RunReport(r, java.util.List.of(), false);
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
