package io.dirsync.daemon.schedule;

import io.dirsync.core.action.Dispatcher;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.DeltaListing;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.DaemonConfig;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.daemon.watch.DaemonMetrics;
import io.dirsync.daemon.watch.Health;
import io.dirsync.daemon.watch.HttpEndpoint;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code dirsync run}: schedules every directory with Quartz ({@link Schedules}), runs them on a pool
 * of {@code daemon.poolSize} threads, and reacts to two events from outside:
 *
 * <ul>
 *   <li><b>terminate</b> (SIGTERM): stop scheduling; let running syncs finish for up to
 *       {@code daemon.shutdownGrace}; then interrupt the rest (an interrupted run commits nothing)
 *       and exit 0. A second terminate interrupts at once.
 *   <li><b>reload</b> (SIGHUP): read and check the configuration file again; a bad one is rejected
 *       with an error line and the running configuration stays. Runs in progress finish on the old
 *       configuration. {@code daemon.poolSize} and {@code daemon.http} take effect at the next start.
 * </ul>
 *
 * Every run takes its directory's lease ({@link App#runLeased}); a directory that another process
 * (a manual {@code dirsync sync}) is syncing is skipped until its next trigger. After each run the
 * outbox is delivered to the sinks, one delivery at a time.
 */
public final class Daemon {

  /** How long interrupted runs get to record their failure before the process exits anyway. */
  static final Duration AFTER_INTERRUPT = Duration.ofSeconds(10);
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

  private enum Event { TERMINATE, RELOAD, RUN_ENDED }

  private final Function<DirsyncConfig, App> apps;
  private final Supplier<DirsyncConfig> reloader;
  private final Clock clock;
  private final DaemonConfig settings;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final RunningRuns running = new RunningRuns(() -> events.add(Event.RUN_ENDED));
  private final DaemonMetrics metrics = new DaemonMetrics();
  private final Health health;
  private final Object deliveryLock = new Object();
  private volatile Generation current;
  private volatile Map<String, Health.Schedule> schedules = Map.of();
  private volatile boolean stopping;
  private Scheduler scheduler;
  private HttpEndpoint http;

  /**
   * @param config the configuration loaded at start
   * @param reloader loads the configuration file again (throws {@code ConfigError} when it is bad)
   * @param clock the time source; its zone is the zone of the cron expressions
   * @param stdout where a {@code jsonl} sink with path {@code -} writes
   */
  public Daemon(DirsyncConfig config, Supplier<DirsyncConfig> reloader, Clock clock, PrintStream stdout) {
    this.apps = c -> new App(c, clock, stdout);
    this.reloader = reloader;
    this.clock = clock;
    this.settings = config.daemon();
    this.health = new Health(clock.instant(), (cron, after) -> Schedules.next(cron, after, clock.getZone()));
    this.current = new Generation(config, apps.apply(config));
  }

  /** Starts scheduling and, if configured, the HTTP endpoint. */
  public void start() throws SchedulerException {
    scheduler = QuartzFactory.create(settings.poolSize(), new DirectoryJobFactory(this::runScheduled));
    Generation g = current;
    seed(g);
    schedule(g.config(), g.app());
    scheduler.start();
    settings.http().ifPresent(h -> {
      http = HttpEndpoint.start(h.address(), h.port(), this::scrape, () -> health.check(schedules, clock.instant()));
      LOG.info("serving /healthz and /metrics on http://{}:{}", h.address(), http.address().getPort());
    });
    LOG.info("started: {} director{} ({}), {} worker thread(s), configuration {}", g.config().directories().size(),
        g.config().directories().size() == 1 ? "y" : "ies",
        String.join(", ", g.config().directories().stream().map(DirectoryConfig::id).toList()), settings.poolSize(),
        g.config().file());
  }

  /** Asks the daemon to stop (SIGTERM); safe from any thread, including a signal handler. */
  public void terminate() {
    events.add(Event.TERMINATE);
  }

  /** Asks the daemon to re-read its configuration (SIGHUP); safe from any thread. */
  public void reload() {
    events.add(Event.RELOAD);
  }

  /** Where the HTTP endpoint listens, once started. */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(http).map(HttpEndpoint::address);
  }

  /** Handles events until terminated, then stops; returns the exit code (0). */
  public int runUntilTerminated() throws InterruptedException {
    while (true) {
      Event e = events.take();
      if (e == Event.RELOAD) {
        doReload();
      } else if (e == Event.TERMINATE) {
        return stop();
      }
    }
  }

  private int stop() throws InterruptedException {
    stopping = true;
    try {
      scheduler.standby();
    } catch (SchedulerException e) {
      LOG.warn("could not pause the scheduler: {}", e.getMessage());
    }
    Duration grace = settings.shutdownGrace();
    if (running.count() > 0) {
      LOG.info("stopping: waiting up to {} s for {} run(s) in progress ({}); send SIGTERM again to abort them now",
          grace.toSeconds(), running.count(), running.directories());
    }
    long deadline = System.nanoTime() + grace.toNanos();
    while (running.count() > 0) {
      Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        LOG.warn("stopping: grace period of {} s is over; interrupting {} run(s) ({}), they commit nothing",
            grace.toSeconds(), running.count(), running.directories());
        break;
      }
      if (e == Event.TERMINATE) {
        LOG.warn("stopping: second SIGTERM; interrupting {} run(s) ({}) now, they commit nothing", running.count(),
            running.directories());
        break;
      }
    }
    if (running.count() > 0) {
      running.interruptAll();
      long until = System.nanoTime() + AFTER_INTERRUPT.toNanos();
      while (running.count() > 0) {
        Event e = events.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (e == null || e == Event.TERMINATE) {
          LOG.warn("stopping: {} interrupted run(s) did not end ({}); exiting anyway", running.count(),
              running.directories());
          break;
        }
      }
    }
    try {
      scheduler.shutdown(false);
    } catch (SchedulerException e) {
      LOG.warn("could not shut the scheduler down: {}", e.getMessage());
    }
    if (http != null) {
      http.close();
    }
    current.retire();
    LOG.info("stopped");
    return 0;
  }

  private void doReload() {
    DirsyncConfig next;
    App app;
    try {
      next = reloader.get();
      for (DirectoryConfig d : next.directories()) {
        try (Connector c = App.connectorFor(next, d, clock)) {
          // made and closed, as check-config does
        }
      }
      app = apps.apply(next);
    } catch (RuntimeException e) {
      LOG.error("reload rejected, still running the previous configuration: {}", e.getMessage());
      return;
    }
    if (!next.daemon().equals(settings)) {
      LOG.warn("reload: changes to daemon.poolSize, daemon.shutdownGrace, daemon.busyWait or daemon.http take"
          + " effect at the next start");
    }
    Generation old = current;
    current = new Generation(next, app);
    try {
      scheduler.clear();
      seed(current);
      schedule(next, app);
    } catch (SchedulerException e) {
      LOG.error("reload: could not reschedule: {}", e.getMessage(), e);
    }
    old.retire();
    LOG.info("reloaded {}: {} director{} ({})", next.file(), next.directories().size(),
        next.directories().size() == 1 ? "y" : "ies",
        String.join(", ", next.directories().stream().map(DirectoryConfig::id).toList()));
  }

  private void schedule(DirsyncConfig config, App app) throws SchedulerException {
    Map<String, Health.Schedule> s = new LinkedHashMap<>();
    for (DirectoryConfig d : config.directories()) {
      boolean delta;
      try (Connector c = app.connector(d)) {
        delta = c instanceof DeltaListing;
      }
      scheduler.addJob(Schedules.job(d), true);
      scheduler.scheduleJob(Schedules.full(d, clock.getZone()));
      if (delta) {
        scheduler.scheduleJob(Schedules.delta(d, clock.instant()));
      }
      String lastFull = lastFullStart(app, d.id());
      boolean missed = Schedules.missed(d, lastFull == null ? null : java.time.Instant.parse(lastFull), clock.instant(),
          clock.getZone());
      if (missed) {
        LOG.info("directory={} missed its full sync ({}); running one now", d.id(),
            lastFull == null ? "never had one" : "last one started " + lastFull);
        scheduler.scheduleJob(Schedules.catchUp(d));
      }
      s.put(d.id(), new Health.Schedule(d.schedule(), delta ? d.deltaEvery() : null));
      LOG.info("directory={} full sync \"{}\" next at {}{}", d.id(), d.schedule(),
          Schedules.next(d.schedule(), clock.instant(), clock.getZone()),
          delta ? ", delta every " + d.deltaEvery() : " (no deltas: this connector lists everything)");
    }
    schedules = s;
  }

  private static String lastFullStart(App app, String directory) {
    return app.store().runs(Optional.of(directory), 5000).stream()
        .filter(r -> "full".equals(r.mode()) && !"running".equals(r.outcome()))
        .findFirst().map(r -> r.startedAt().toString()).orElse(null);
  }

  /** Seeds health and gauges from the state database. */
  private void seed(Generation g) {
    for (DirectoryConfig d : g.config().directories()) {
      List<RunRecord> runs = g.app().store().runs(Optional.of(d.id()), 5000).stream()
          .filter(r -> !"dry-run".equals(r.mode())).toList();
      RunRecord success = runs.stream().filter(r -> "succeeded".equals(r.outcome())).findFirst().orElse(null);
      health.seed(d.id(), runs.isEmpty() ? null : runs.get(0).outcome(), success == null ? null : success.finishedAt());
      if (success != null && success.finishedAt() != null) {
        metrics.lastSuccess(d.id(), success.finishedAt().getEpochSecond());
      }
      refresh(g.app(), d.id());
    }
  }

  /** The metrics as of now: every directory's counts are read from the state database first. */
  private String scrape() {
    Generation g = current;
    if (g.enter()) {
      try {
        g.config().directories().forEach(d -> refresh(g.app(), d.id()));
      } finally {
        g.exit();
      }
    }
    return metrics.scrape();
  }

  private void refresh(App app, String directory) {
    try {
      metrics.directory(directory, app.store().stats(directory), app.store().pending(directory, app.sinkIds()));
    } catch (RuntimeException e) {
      LOG.warn("directory={} could not read its counts for /metrics: {}", directory, e.getMessage());
    }
  }

  /** What a Quartz job does: one run of a directory, then delivery. */
  private void runScheduled(String directory, boolean full) {
    if (stopping) {
      return;
    }
    Generation g = current;
    if (!g.enter()) {
      g = current;
      if (!g.enter()) {
        return;
      }
    }
    running.enter(directory);
    try {
      Optional<DirectoryConfig> d = g.config().directory(directory);
      if (d.isEmpty()) {
        return;
      }
      RunOptions options = full ? new RunOptions(true, false, false) : RunOptions.SCHEDULED;
      Optional<RunReport> report = g.app().runLeased(d.get(), options, Duration.ZERO);
      if (report.isEmpty()) {
        LOG.warn("directory={} is busy (another process is syncing it); this scheduled {} run is skipped", directory,
            full ? "full" : "delta");
        metrics.skipped(directory);
        return;
      }
      RunRecord r = report.get().record();
      metrics.recordRun(r);
      health.record(r);
      if (!Thread.currentThread().isInterrupted()) {
        deliver(g.app());
      }
      // Only this directory's counts: a delivery may also move other directories' queues, but reading
      // every directory after every run costs N reads per run, N² per round of N directories; /metrics
      // reads them all when it is scraped.
      refresh(g.app(), directory);
    } catch (RuntimeException e) {
      LOG.error("directory={} scheduled run broke: {}", directory, e.toString(), e);
    } finally {
      Thread.interrupted(); // an interrupt was for this run only; the pool thread goes on
      running.exit();
      g.exit();
    }
  }

  private void deliver(App app) {
    synchronized (deliveryLock) {
      Dispatcher.Result r = app.deliver();
      if (!r.complete()) {
        LOG.warn("sink(s) {} could not take every action; they stay queued for the next delivery",
            String.join(", ", r.failedSinks()));
      }
    }
  }
}
