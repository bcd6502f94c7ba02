package io.dirsync.bench;

import io.dirsync.core.engine.RunReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The full-diff scenario of {@link FullDiffBenchmark} without JMH, for profiling (run it under
 * {@code -XX:StartFlightRecording}) and quick checks: seeds the template if needed, then times
 * {@code runs} runs, each from a fresh copy. The CPU time of the thread that ran the engine is printed
 * too: on a shared machine it is steadier than wall time, and the run is single-threaded, so on an idle
 * machine the wall time is at least that.
 *
 * <p>{@code java -Xmx512m -cp benchmarks/target/benchmarks.jar io.dirsync.bench.RunDiff [users] [runs] [dir]}
 */
public final class RunDiff {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private RunDiff() {
  }

  public static void main(String[] args) {
    long users = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = args.length > 2 ? Path.of(args[2]) : FullDiffScenario.defaultDir();
    FullDiffScenario s = new FullDiffScenario(dir, users);
    long t = System.nanoTime();
    if (s.prepareTemplate()) {
      System.out.printf(Locale.ROOT, "seeded %s in %d ms%n", s.template(), (System.nanoTime() - t) / 1_000_000);
    }
    try {
      for (int i = 1; i <= runs; i++) {
        s.restore();
        long cpu = THREADS.getCurrentThreadCpuTime();
        long user = THREADS.getCurrentThreadUserTime();
        long start = System.nanoTime();
        RunReport r = s.run();
        long ms = (System.nanoTime() - start) / 1_000_000;
        long cpuMs = (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000_000;
        long userMs = (THREADS.getCurrentThreadUserTime() - user) / 1_000_000;
        GeneratedConnector c = s.lastConnector();
        System.out.printf(Locale.ROOT, "run %d: %,d users in %d ms (listing %d ms, of which staging writes %d ms;"
                + " plan and commit %d ms); CPU of the run's thread %d ms (user %d, system %d) %s%n", i, c.listed(), ms,
            c.listNanos() / 1_000_000, c.sinkNanos() / 1_000_000, ms - c.listNanos() / 1_000_000, cpuMs, userMs,
            cpuMs - userMs, r.record().counts());
      }
    } finally {
      s.cleanUp();
    }
  }
}
