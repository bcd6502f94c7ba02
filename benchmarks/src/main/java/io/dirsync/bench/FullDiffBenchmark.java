package io.dirsync.bench;

import io.dirsync.core.engine.RunReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A full sync run end to end through the real engine and real SQLite: the connector streams N users
 * in pages of 999 into the run's staging file, the planner merges them with the N-user snapshot, 1 %
 * of them changed, and the run commits its plan (about N/100 actions) in one transaction.
 *
 * <p>Single shot: one run per iteration, each on a fresh copy of the seeded database (the copy is not
 * timed). The fork runs in {@code -Xmx512m}, the heap the issue sets for a 1,000,000-user diff.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "--enable-native-access=ALL-UNNAMED",
    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2)
@Measurement(iterations = 3)
public class FullDiffBenchmark {

  @Param({"100000", "1000000"})
  public long users;

  private FullDiffScenario scenario;

  @Setup(Level.Trial)
  public void seed() {
    scenario = new FullDiffScenario(FullDiffScenario.defaultDir(), users);
    long t = System.nanoTime();
    if (scenario.prepareTemplate()) {
      System.out.printf("%nseeded %s in %d ms%n", scenario.template(), (System.nanoTime() - t) / 1_000_000);
    }
  }

  @Setup(Level.Iteration)
  public void restore() {
    scenario.restore();
  }

  @Benchmark
  public RunReport fullDiff() {
    return scenario.run();
  }

  @TearDown(Level.Iteration)
  public void report() {
    GeneratedConnector c = scenario.lastConnector();
    if (c != null) {
      System.out.printf("  [listing %d users: %d ms, of which the engine's staging writes %d ms]%n",
          c.listed(), c.listNanos() / 1_000_000, c.sinkNanos() / 1_000_000);
    }
  }

  @TearDown(Level.Trial)
  public void cleanUp() {
    scenario.cleanUp();
  }
}
