package io.dirsync.core.engine;

import io.dirsync.core.diff.ActionType;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RunMeter;
import io.dirsync.core.model.Group;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.snapshot.sqlite.RunCommit;
import io.dirsync.core.snapshot.sqlite.SnapshotReader;
import io.dirsync.core.snapshot.sqlite.Staging;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.Cursor;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.core.spi.ListingResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync run of one directory: fetch → diff → safety → commit, as DESIGN.md "Data flow" says.
 * Everything the run produces lands in one transaction at the end ({@link RunCommit}); a run that
 * fails, is held, or is killed before that changes nothing but the audit trail's run record.
 *
 * <p>Thread-safe. Runs of the same directory in this process are serialised; across processes the
 * commit refuses a run whose snapshot changed under it.
 */
public final class SyncEngine {

  static final int DRY_RUN_LIMIT = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(SyncEngine.class);

  private final StateStore store;
  private final Clock clock;
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  public SyncEngine(StateStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Runs {@code directory} once. Never throws for a failed run: the report says it failed. */
  public RunReport run(String directory, Connector connector, SafetyPolicy safety, RunOptions options) {
    return run(directory, connector, safety, options, null);
  }

  /**
   * Runs {@code directory} once, with the retry counters of {@code resilience} (the one in the
   * connector's {@code ConnectorContext}) in the run record. Never throws for a failed run.
   *
   * @param resilience the directory's retry layer, or null for a run record without retry counters
   */
  public RunReport run(String directory, Connector connector, SafetyPolicy safety, RunOptions options,
      DirectoryResilience resilience) {
    ReentrantLock lock = locks.computeIfAbsent(directory, d -> new ReentrantLock());
    lock.lock();
    try {
      RunMeter meter = resilience == null ? null : resilience.beginRun();
      return new Run(directory, connector, safety, options, meter).execute();
    } finally {
      lock.unlock();
    }
  }

  private final class Run {
    final String directory;
    final Connector connector;
    final SafetyPolicy safety;
    final RunOptions options;
    final String id = UUID.randomUUID().toString();
    final Instant started = clock.instant();
    final RunMeter meter;
    String mode;

    Run(String directory, Connector connector, SafetyPolicy safety, RunOptions options, RunMeter meter) {
      this.directory = directory;
      this.connector = connector;
      this.safety = safety;
      this.options = options;
      this.meter = meter;
    }

    RunReport execute() {
      Staging.removeLeftovers(store.database(), directory);
      try (Staging staging = Staging.create(store.database(), directory, id)) {
        return plan(staging);
      } catch (ConnectorException e) {
        return failed(e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage(), null);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed("interrupted before commit", null);
      } catch (RunCommit.ConcurrentRunException e) {
        return failed(e.getMessage(), null);
      } catch (RuntimeException e) {
        return failed(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
    }

    private RunReport plan(Staging staging) throws ConnectorException, InterruptedException {
      long version;
      Optional<Cursor> saved;
      try (SnapshotReader first = new SnapshotReader(store.database(), directory)) {
        version = first.version();
      }
      saved = options.full() ? Optional.empty() : store.cursor(directory);
      ActionWriter actions = new ActionWriter(staging, directory, id, started.toString());
      Cursor next = null;
      boolean planned = false;
      String holdReason = null;

      if (saved.isPresent() && connector instanceof DeltaListing delta) {
        DeltaPlanner planner = new DeltaPlanner();
        try {
          next = delta.listChanges(saved.get(), planner);
          mode = "delta";
          try (SnapshotReader snapshot = snapshotAt(version)) {
            planner.plan(snapshot, staging, actions);
          }
          planned = true;
          holdReason = safety.check(false, -1, 0, activeUsers(), planner.deactivations, planner.groupDeletes);
        } catch (ConnectorException e) {
          if (e.kind() != ConnectorException.Kind.CURSOR_EXPIRED) {
            mode = "delta";
            throw e;
          }
          LOG.warn("directory={} run={} delta cursor no longer valid ({}); falling back to a full listing",
              directory, id, e.getMessage());
        }
      }
      if (!planned) {
        if (!(connector instanceof FullListing full)) {
          mode = "full";
          throw new ConnectorException(ConnectorException.Kind.MISCONFIGURED,
              "connector cannot list everything and has no usable delta cursor");
        }
        mode = "full";
        ListingResult result;
        try (StagingSink sink = new StagingSink(staging)) {
          result = full.listAll(sink);
          sink.finish();
        }
        phase("fetch");
        staging.fetched();
        phase("index");
        if (!result.complete()) {
          throw new ConnectorException(ConnectorException.Kind.TRANSIENT,
              "the listing did not complete; nothing is diffed from a partial listing");
        }
        next = result.cursor();
        try (SnapshotReader snapshot = snapshotAt(version)) {
          FullPlanner planner = new FullPlanner(snapshot, staging, actions);
          planner.plan();
          phase("plan");
          boolean firstSync = version == 0;
          holdReason = firstSync ? null : safety.check(true, planner.fetchedUsers, planner.snapshotUsers,
              planner.snapshotActive, staging.count(ActionType.USER_DEACTIVATE), staging.count(ActionType.GROUP_DELETE));
        }
      }
      if (holdReason != null && options.allowDeletions()) {
        LOG.warn("directory={} run={} passes the deletion threshold by --allow-deletions: {}", directory, id, holdReason);
        holdReason = null;
      }
      return finish(staging, version, next, holdReason);
    }

    private SnapshotReader snapshotAt(long version) {
      SnapshotReader r = new SnapshotReader(store.database(), directory);
      if (r.version() != version) {
        r.close();
        throw new RunCommit.ConcurrentRunException("directory " + directory
            + " was committed by another run while this one was fetching; nothing committed");
      }
      return r;
    }

    private long activeUsers() {
      return store.stats(directory).activeUsers();
    }

    private RunReport finish(Staging staging, long version, Cursor next, String holdReason) {
      Map<String, Integer> counts = counts(staging);
      if (options.dryRun()) {
        RunRecord r = record("dry-run", holdReason == null ? "succeeded" : "held", counts, holdReason);
        store.recordRun(r);
        log(r);
        return new RunReport(r, staging.plannedActions(DRY_RUN_LIMIT), false);
      }
      if (holdReason != null) {
        RunRecord r = record(mode, "held", counts, "held by the deletion threshold: " + holdReason
            + "; run `dirsync sync --directory " + directory + " --allow-deletions` to let it through");
        boolean newly = store.hold(r, holdReason);
        if (newly) {
          LOG.error("directory={} run={} HELD, nothing committed: {}", directory, id, r.message());
        } else {
          LOG.info("directory={} run={} still held, nothing committed", directory, id);
        }
        log(r);
        return new RunReport(r, List.of(), newly);
      }
      RunRecord r = record(mode, "succeeded", counts, null);
      RunCommit.commit(store.database(), staging, r, version, next);
      phase("commit");
      // The record went in with the commit; its end time is the commit's end, which a first sync of
      // a large directory makes long.
      Instant committed = clock.instant();
      store.finished(r.id(), committed);
      r = new RunRecord(r.id(), r.directory(), r.mode(), r.outcome(), r.startedAt(), committed, r.counts(),
          r.message(), r.retries(), r.throttled(), r.waitedMs());
      log(r);
      return new RunReport(r, List.of(), false);
    }

    private RunReport failed(String message, Throwable bug) {
      RunRecord r = record(mode == null ? (options.full() ? "full" : "delta") : mode, "failed", Map.of(), message);
      if (bug != null) {
        LOG.error("directory={} run={} failed, nothing committed", directory, id, bug);
      }
      try {
        store.recordRun(r);
      } catch (RuntimeException e) {
        LOG.error("directory={} run={} could not record its failure: {}", directory, id, e.getMessage());
      }
      log(r);
      return new RunReport(r, List.of(), false);
    }

    private RunRecord record(String m, String outcome, Map<String, Integer> counts, String message) {
      return new RunRecord(id, directory, m, outcome, started, clock.instant(), counts, message,
          meter == null ? 0 : meter.retries(), meter == null ? 0 : meter.throttled(),
          meter == null ? 0 : meter.waited().toMillis());
    }

    /** Where a run's time went, for its summary line: phase name, milliseconds since the previous mark. */
    private final StringBuilder phases = new StringBuilder();
    private long mark = System.nanoTime();

    private void phase(String name) {
      long now = System.nanoTime();
      phases.append(phases.length() == 0 ? "" : ",").append(name).append('=').append((now - mark) / 1_000_000).append("ms");
      mark = now;
    }

    private void log(RunRecord r) {
      Duration took = Duration.between(r.startedAt(), r.finishedAt());
      StringBuilder line = new StringBuilder();
      r.counts().forEach((type, n) -> line.append(' ').append(type).append('=').append(n));
      if (r.retries() > 0 || r.throttled() > 0 || r.waitedMs() > 0) {
        line.append(" retries=").append(r.retries()).append(" throttled=").append(r.throttled())
            .append(" waited=").append(r.waitedMs()).append("ms");
      }
      String msg = r.message() == null ? "" : " message=\"" + r.message() + "\"";
      if (r.outcome().equals("failed")) {
        LOG.error("directory={} run={} mode={} outcome={}{} duration={}ms{}", directory, id, r.mode(), r.outcome(),
            line, took.toMillis(), msg);
      } else {
        LOG.info("directory={} run={} mode={} outcome={}{} duration={}ms{}{}", directory, id, r.mode(), r.outcome(),
            line, took.toMillis(), phases.length() == 0 ? "" : " (" + phases + ")", msg);
      }
    }
  }

  private static Map<String, Integer> counts(Staging staging) {
    Map<String, Integer> out = new TreeMap<>();
    staging.counts().forEach((t, n) -> out.put(t.wireName(), n));
    return out;
  }

  /**
   * Writes what a full listing streams into the run's staging. Users are serialised and hashed on
   * the connector's thread while the previous page is inserted on a writer thread, so the two
   * overlap on a second core; at most one page waits, so memory stays at two pages. The writer's
   * failure fails the listing; {@link #finish()} waits for the last page before the diff reads.
   */
  private static final class StagingSink implements FullListingSink, AutoCloseable {
    private final Staging staging;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dirsync-staging-writer");
      t.setDaemon(true);
      return t;
    });
    private Future<?> pending;

    StagingSink(Staging staging) {
      this.staging = staging;
    }

    @Override
    public void users(List<User> page) throws InterruptedException {
      checkInterrupt();
      Staging.EncodedUsers encoded = Staging.encodeUsers(page);
      awaitPending();
      pending = writer.submit(() -> staging.insertUsers(encoded));
    }

    @Override
    public void groups(List<Group> page) throws InterruptedException {
      checkInterrupt();
      awaitPending();
      staging.addGroups(page);
    }

    @Override
    public void memberships(List<Membership> page) throws InterruptedException {
      checkInterrupt();
      List<Membership> copy = List.copyOf(page);
      awaitPending();
      pending = writer.submit(() -> staging.addMemberships(copy));
    }

    /** Waits until everything handed over is in staging; rethrows the writer's failure. */
    void finish() throws InterruptedException {
      awaitPending();
    }

    private void awaitPending() throws InterruptedException {
      if (pending == null) {
        return;
      }
      try {
        pending.get();
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof RuntimeException re ? re : new IllegalStateException("staging write failed", c);
      } finally {
        pending = null;
      }
    }

    /** Stops the writer; waits for a page being written so staging is not closed under it. */
    @Override
    public void close() {
      writer.shutdownNow();
      boolean interrupted = false;
      while (true) {
        try {
          if (writer.awaitTermination(1, TimeUnit.MINUTES)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private static void checkInterrupt() throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException("run cancelled");
      }
    }
  }
}
