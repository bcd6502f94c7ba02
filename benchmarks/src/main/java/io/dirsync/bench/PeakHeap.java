package io.dirsync.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak memory of full runs of a large directory, in whatever heap the JVM is given (the issue's
 * bound: {@code -Xmx512m}). In one process:
 *
 * <ol>
 *   <li>the first sync: a full listing of N users into an empty state database (N creates); its
 *       result becomes {@link FullDiffScenario}'s template if there is none yet;
 *   <li>the 1 % diff of {@link FullDiffBenchmark}: a full listing of the changed directory against a
 *       fresh copy of the template.
 * </ol>
 *
 * <p>For each phase: wall time; heap used at its highest (sampled every 2 ms; this includes garbage
 * not yet collected, so it reaches whatever the collector lets the heap fill to); heap live after
 * each GC at its highest (the working set the run really keeps); GC count and time; and the
 * process's peak resident set (VmHWM, reset between phases through /proc/self/clear_refs), which adds
 * SQLite's page caches, the JIT and the JVM itself.
 *
 * <p>{@code java -Xmx512m -cp benchmarks/target/benchmarks.jar io.dirsync.bench.PeakHeap [users] [dir]}
 */
public final class PeakHeap {

  private static final AtomicLong PEAK_USED = new AtomicLong();
  private static final AtomicLong PEAK_AFTER_GC = new AtomicLong();
  private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());

  private PeakHeap() {
  }

  public static void main(String[] args) throws Exception {
    long users = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : FullDiffScenario.defaultDir();
    Path work = dir.resolve("peak-" + ProcessHandle.current().pid());
    FullDiffScenario.deleteTree(work);
    Files.createDirectories(work);

    System.out.printf(Locale.ROOT, "PeakHeap: %,d users, max heap %d MiB, %s %s, %d CPUs%n", users,
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.name"), System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors());
    listenToGc();
    Thread poller = new Thread(PeakHeap::poll, "heap-poller");
    poller.setDaemon(true);
    poller.start();

    FullDiffScenario scenario = new FullDiffScenario(dir, users);
    try {
      StateDatabase db = StateDatabase.open(work.resolve("state.db"));
      phase("first sync (all created)", () -> scenario.firstSync(db));
      if (!Files.isRegularFile(scenario.template())) {
        scenario.saveTemplate(db); // for FullDiffBenchmark and RunDiff; not measured
      }
      scenario.restore();
      phase("1 % changed", scenario::run);
    } finally {
      FullDiffScenario.deleteTree(work);
      scenario.cleanUp();
    }
  }

  private interface Run {
    RunReport run();
  }

  private static void phase(String name, Run run) {
    System.gc();
    resetPeaks();
    long gcCount0 = gcCount();
    long gcTime0 = gcTime();
    long t = System.nanoTime();
    RunReport r = run.run();
    long ms = (System.nanoTime() - t) / 1_000_000;
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    PEAK_USED.accumulateAndGet(used, Math::max);
    System.out.printf(Locale.ROOT, "%-28s %7d ms  heap used peak %4d MiB  live after GC peak %4d MiB"
            + "  GCs %4d (%5d ms)  RSS peak %5d MiB  counts %s%n",
        name, ms, PEAK_USED.get() >> 20, PEAK_AFTER_GC.get() >> 20, gcCount() - gcCount0, gcTime() - gcTime0,
        status("VmHWM") >> 10, r.record().counts());
  }

  private static void poll() {
    var memory = ManagementFactory.getMemoryMXBean();
    while (true) {
      PEAK_USED.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void listenToGc() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, hb) -> {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo();
        long before = heapUsed(info.getMemoryUsageBeforeGc());
        long after = heapUsed(info.getMemoryUsageAfterGc());
        PEAK_USED.accumulateAndGet(before, Math::max);
        PEAK_AFTER_GC.accumulateAndGet(after, Math::max);
      }, null, null);
    }
  }

  private static long heapUsed(Map<String, MemoryUsage> byPool) {
    return byPool.entrySet().stream().filter(e -> HEAP_POOLS.contains(e.getKey()))
        .mapToLong(e -> e.getValue().getUsed()).sum();
  }

  private static void resetPeaks() {
    PEAK_USED.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    PEAK_AFTER_GC.set(0);
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException | RuntimeException e) {
      System.out.println("(cannot reset VmHWM: " + e.getMessage() + "; the RSS peak is since process start)");
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
        .sum();
  }

  private static long gcTime() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  /** A /proc/self/status value in KiB, or -1. */
  private static long status(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.substring(key.length() + 1).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
