package io.dirsync.bench;

import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.spi.ConnectorRegistry;
import io.dirsync.daemon.config.ConfigLoader;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.daemon.schedule.Daemon;
import io.dirsync.emulator.google.GoogleEmulator;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.impl.SchedulerRepository;
import org.quartz.listeners.JobListenerSupport;

/**
 * Issue 8, item 5: N small directories scheduled in one daemon. One in-process Google emulator (a
 * domain of {@code bench.users} users and {@code bench.groups} groups) serves every directory; the
 * configuration lists N {@code google} directories over it, each with the full sync cron
 * every {@code bench.every} seconds (Google has no deltas, so every scheduled run is a full listing). The daemon is
 * composed as {@code dirsync run} composes it ({@link ConfigLoader} over the {@link ConnectorRegistry}
 * of the class path, {@link Daemon#start()}), so runs go through Quartz, the run leases, the engine,
 * the one SQLite state database and delivery to a jsonl sink.
 *
 * <p>The bench attaches a job listener to the daemon's Quartz scheduler (found in Quartz's JVM-wide
 * repository) right after start, and measures for {@code rounds} cron rounds after the start-up
 * catch-up (every directory's first full sync, fired at start): scheduling lateness (actual fire time
 * minus scheduled fire time), job run times, runs done; then heap after a full GC, peak RSS
 * (VmHWM), threads, open SQLite files, CPU per run. The emulator shares the JVM and its CPU.
 *
 * <p>{@code java -Xmx512m --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
 * -cp benchmarks/target/benchmarks.jar io.dirsync.bench.ManyDirectories N [rounds]}; flags (system
 * properties): {@code bench.every} (seconds of the cron grid, dividing a minute or an hour; default
 * 30: {@code 0/30 * * * * ?}), {@code bench.pool} (daemon.poolSize,
 * default the daemon's), {@code bench.users} (20), {@code bench.groups} (4), {@code bench.dir} (a
 * new temp folder).
 */
public final class ManyDirectories {

  private ManyDirectories() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int every = Integer.getInteger("bench.every", 30);
    if (every < 60 ? 60 % every != 0 : every % 60 != 0 || 3600 % every != 0) {
      throw new IllegalArgumentException("bench.every must divide a minute or an hour: " + every);
    }
    String cron = every < 60 ? "0/" + every + " * * * * ?" : "0 0/" + every / 60 + " * * * ?";
    String pool = System.getProperty("bench.pool");
    int users = Integer.getInteger("bench.users", 20);
    int groups = Integer.getInteger("bench.groups", 4);
    Path dir = System.getProperty("bench.dir") != null ? Files.createDirectories(Path.of(System.getProperty("bench.dir")))
        : Files.createTempDirectory("dirsync-many-");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    try (GoogleEmulator emu = GoogleEmulator.builder().users(users).groups(groups).start()) {
      Path key = emu.writeServiceAccountKey(dir.resolve("sa.json"));
      Path yaml = Files.writeString(dir.resolve("dirsync.yaml"), config(n, cron, pool, emu, key, dir));
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      int threadsBefore = threads.getThreadCount();
      log("N=%d rounds=%d cron=\"%s\" pool=%s users=%d groups=%d dir=%s; before the daemon: heap after GC %.1f MiB,"
          + " %d threads, RSS %s", n, rounds, cron, pool == null ? "default" : pool, users, groups, dir,
          heapBefore / 1048576.0, threadsBefore, status("VmRSS"));

      long t0 = System.nanoTime();
      ConfigLoader loader = new ConfigLoader(ConnectorRegistry.load(ManyDirectories.class.getClassLoader()),
          System::getenv);
      DirsyncConfig cfg = loader.load(yaml);
      long loaded = System.nanoTime();
      PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
      Daemon daemon = new Daemon(cfg, () -> loader.load(yaml), Clock.systemUTC(), quiet);
      Fires fires = new Fires(every * 1000L);
      daemon.start();
      long started = System.nanoTime();
      Scheduler scheduler = daemonScheduler();
      scheduler.getListenerManager().addJobListener(fires);
      log("config loaded in %d ms, daemon started in %d ms (%d directories scheduled)",
          (loaded - t0) / 1_000_000, (started - loaded) / 1_000_000, cfg.directories().size());
      Thread main = new Thread(() -> {
        try {
          daemon.runUntilTerminated();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-daemon-loop");
      main.start();

      // the start-up catch-up: every directory's first full sync, fired at start (partly before the
      // listener was attached, so counted from the state database)
      var store = new io.dirsync.core.snapshot.sqlite.StateStore(
          io.dirsync.core.snapshot.sqlite.StateDatabase.open(cfg.statePath()));
      while (synced(store) < n) {
        if (System.nanoTime() - started > Duration.ofMinutes(30).toNanos()) {
          throw new IllegalStateException("catch-up not done in 30 minutes: " + synced(store) + " of " + n);
        }
        Thread.sleep(500);
      }
      long catchUpEnd = System.nanoTime();
      log("catch-up (first full sync of %d directories) done %.1f s after start; load %s", n,
          (catchUpEnd - started) / 1e9, SeedGoogle.load());
      fires.reset();
      long cpu0 = os.getProcessCpuTime();
      long rss0 = rss();
      int maxThreads = 0;
      long wall0 = System.nanoTime();
      while (!fires.await(n * rounds, Duration.ofSeconds(1))) {
        maxThreads = Math.max(maxThreads, threads.getThreadCount());
        if (System.nanoTime() - wall0 > Duration.ofMinutes(60).toNanos()) {
          log("gave up waiting: %d of %d runs", fires.count(), n * rounds);
          break;
        }
      }
      long wall = System.nanoTime() - wall0;
      long cpu = os.getProcessCpuTime() - cpu0;
      maxThreads = Math.max(maxThreads, threads.getThreadCount());
      System.gc();
      long heapAfter = memory.getHeapMemoryUsage().getUsed();
      int threadsAfter = threads.getThreadCount();
      List<String> dbFiles = openFiles(dir);

      List<Long> late = fires.lateness();
      List<Long> run = fires.runTimes();
      log("rounds: %d runs in %.1f s (%d errors from jobs); process CPU %.1f s = %.1f ms per run (emulator included)",
          late.size(), wall / 1e9, fires.errors.get(), cpu / 1e9, late.isEmpty() ? 0 : cpu / 1e6 / late.size());
      List<Long> quartz = fires.quartzLateness();
      log("lateness (fire - cron time) ms: p50 %d, p99 %d, max %d; as Quartz sees it (fire - its scheduled time,"
          + " reset by a misfire) p50 %d, p99 %d, max %d; %d fires misfired; job run time ms: p50 %d, p99 %d, max %d",
          pct(late, 50), pct(late, 99), pct(late, 100), pct(quartz, 50), pct(quartz, 99), pct(quartz, 100),
          fires.misfired.get(), pct(run, 50), pct(run, 99), pct(run, 100));
      log("heap after GC %.1f MiB (daemon adds %.1f MiB = %.1f KiB per directory); RSS %.0f MiB (rounds began at %.0f"
          + " MiB), VmHWM %s; threads %d (%d before the daemon, max %d during rounds, JVM peak %d)",
          heapAfter / 1048576.0, (heapAfter - heapBefore) / 1048576.0, (heapAfter - heapBefore) / 1024.0 / n,
          rss() / 1024.0, rss0 / 1024.0, status("VmHWM"), threadsAfter, threadsBefore, maxThreads,
          threads.getPeakThreadCount());
      log("threads by name: %s", threadNames());
      log("open state files: %d (%s); files in the state folder: %s", dbFiles.size(), String.join(", ", dbFiles),
          listing(dir));
      Map<String, Long> outcomes = outcomes(store);
      log("runs recorded in the state database, by mode/outcome: %s; load %s", outcomes, SeedGoogle.load());

      daemon.terminate();
      main.join(TimeUnit.MINUTES.toMillis(2));
    }
  }

  private static String config(int n, String cron, String pool, GoogleEmulator emu, Path key, Path dir) {
    StringBuilder y = new StringBuilder();
    y.append("state:\n  path: ").append(dir.resolve("state.db")).append('\n');
    y.append("defaults:\n  schedule: \"").append(cron).append("\"\n  rateLimit:\n    requestsPerSecond: 0\n");
    if (pool != null) {
      y.append("daemon:\n  poolSize: ").append(pool).append('\n');
    }
    y.append("directories:\n");
    for (int i = 0; i < n; i++) {
      y.append(String.format("  - id: d%04d%n    type: google%n    serviceAccountKeyFile: %s%n    subject: %s%n"
          + "    endpoints:%n      directory: %s%n    quotaPerMinute: 1000000%n", i, key, emu.adminEmail(), emu.rootUrl()));
    }
    y.append("sinks:\n  - type: jsonl\n    path: ").append(dir.resolve("actions.jsonl")).append('\n');
    return y.toString();
  }

  private static Scheduler daemonScheduler() throws Exception {
    List<Scheduler> all = new ArrayList<>(SchedulerRepository.getInstance().lookupAll());
    all.removeIf(s -> {
      try {
        return !s.getSchedulerName().startsWith("dirsync-") || s.isShutdown();
      } catch (Exception e) {
        return true;
      }
    });
    if (all.size() != 1) {
      throw new IllegalStateException("expected one dirsync scheduler, found " + all.size());
    }
    return all.get(0);
  }

  /** Fire and run times of every job execution, from Quartz. */
  static final class Fires extends JobListenerSupport {
    private final long period;
    private final List<long[]> done = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong misfired = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private volatile CountDownLatch latch = new CountDownLatch(0);
    private volatile int target;

    /** @param period of the cron grid: a fire's nominal time is its fire time rounded down to it */
    Fires(long period) {
      this.period = period;
    }

    @Override
    public String getName() {
      return "bench-fires";
    }

    @Override
    public void jobWasExecuted(JobExecutionContext c, JobExecutionException e) {
      if (e != null) {
        errors.incrementAndGet();
      }
      long fired = c.getFireTime().getTime();
      long nominal = fired - fired % period;
      if (c.getScheduledFireTime().getTime() != nominal) {
        misfired.incrementAndGet(); // Quartz moved the trigger (misfire policy): its own lateness hides this
      }
      done.add(new long[] {fired - nominal, c.getJobRunTime(), fired - c.getScheduledFireTime().getTime()});
      if (done.size() >= target) {
        latch.countDown();
      }
    }

    synchronized void reset() {
      done.clear();
      misfired.set(0);
    }

    int count() {
      return done.size();
    }

    boolean await(int runs, Duration timeout) throws InterruptedException {
      synchronized (this) {
        target = runs;
        latch = new CountDownLatch(done.size() >= runs ? 0 : 1);
      }
      return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || done.size() >= runs;
    }

    List<Long> lateness() {
      synchronized (done) {
        return done.stream().map(d -> d[0]).sorted().toList();
      }
    }

    List<Long> runTimes() {
      synchronized (done) {
        return done.stream().map(d -> d[1]).sorted().toList();
      }
    }

    List<Long> quartzLateness() {
      synchronized (done) {
        return done.stream().map(d -> d[2]).sorted().toList();
      }
    }
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  /** Directories with a succeeded run. */
  private static long synced(io.dirsync.core.snapshot.sqlite.StateStore store) {
    return store.runs(Optional.empty(), Integer.MAX_VALUE).stream().filter(r -> "succeeded".equals(r.outcome()))
        .map(RunRecord::directory).distinct().count();
  }

  private static Map<String, Long> outcomes(io.dirsync.core.snapshot.sqlite.StateStore store) {
    return store.runs(Optional.empty(), Integer.MAX_VALUE).stream()
        .collect(Collectors.groupingBy((RunRecord r) -> r.mode() + "/" + r.outcome(), TreeMap::new,
            Collectors.counting()));
  }

  /** Open file descriptors of this process on files of {@code dir} (the state database and its journal). */
  private static List<String> openFiles(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : fds.toList()) {
        try {
          Path target = Files.readSymbolicLink(fd);
          if (target.startsWith(dir)) {
            out.add(target.getFileName().toString());
          }
        } catch (IOException e) {
          // closed between list and read
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  private static String listing(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.joining(", "));
    }
  }

  private static String threadNames() {
    Map<String, Integer> byName = new TreeMap<>();
    Thread.getAllStackTraces().keySet().forEach(t -> byName.merge(t.getName().replaceAll("[-_ #]?\\d+$", "-N"), 1,
        Integer::sum));
    return byName.toString();
  }

  private static long rss() {
    String v = status("VmRSS");
    return v == null ? -1 : Long.parseLong(v.replaceAll("\\D", ""));
  }

  private static String status(String field) {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith(field + ":"))
          .map(l -> l.substring(field.length() + 1).trim()).findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static void log(String format, Object... args) {
    System.out.printf("[many] " + format + "%n", args);
  }
}
