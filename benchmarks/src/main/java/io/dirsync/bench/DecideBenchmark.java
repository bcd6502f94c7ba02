package io.dirsync.bench;

import io.dirsync.core.diff.Decide;
import io.dirsync.core.diff.StoredUser;
import io.dirsync.core.diff.UserDecision;
import io.dirsync.core.json.Json;
import io.dirsync.core.model.User;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-user pieces of a full diff, without I/O: the pure {@link Decide} rules, and the JSON work
 * the engine does around them (every fetched user is serialised and hashed into staging; a user whose
 * hash differs is parsed back on both sides before {@code Decide} sees it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecideBenchmark {

  private StoredUser before;
  private User unchanged;
  private User updated;
  private User disabled;
  private String beforeJson;
  private String updatedJson;

  @Setup
  public void users() {
    GeneratedDirectory d = new GeneratedDirectory(2000);
    long update = 50; // (50 / 100) % 20 == 0: an update
    before = new StoredUser(d.before(update), false);
    unchanged = d.before(update);
    updated = d.current(update);
    disabled = unchanged.withActive(false);
    beforeJson = Json.write(before.user());
    updatedJson = Json.write(updated);
  }

  @Benchmark
  public UserDecision decideUnchanged() {
    return Decide.user(before, unchanged);
  }

  @Benchmark
  public UserDecision decideUpdate() {
    return Decide.user(before, updated);
  }

  @Benchmark
  public UserDecision decideDisable() {
    return Decide.user(before, disabled);
  }

  @Benchmark
  public UserDecision decideDeleted() {
    return Decide.user(before, null);
  }

  /** What the planner does for each user whose hash changed: parse both sides, then decide. */
  @Benchmark
  public UserDecision parseAndDecideUpdate() {
    return Decide.user(new StoredUser(Json.readUser(beforeJson), false), Json.readUser(updatedJson));
  }

  /** What staging does for every fetched user: canonical JSON and its hash. */
  @Benchmark
  public long serialiseAndHash() {
    return Json.hash(Json.write(updated));
  }
}
