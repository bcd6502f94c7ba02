package io.dirsync.bench;

import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The full-diff scenario on real SQLite: a state database whose snapshot holds the {@code BEFORE}
 * state of a {@link GeneratedDirectory}, and a full run of the real {@link SyncEngine} over the
 * {@code CURRENT} listing (1 % changed), which commits.
 *
 * <p>Since a run commits, each run starts from a fresh copy of a template database. The template is
 * made once by the engine itself (a first full sync of the {@code BEFORE} listing), its outbox then
 * emptied as if delivered and pruned, and kept in {@code dir} for later runs and forks:
 * {@code seed-v<generator version>-<users>.db}. Delete it to seed again.
 */
public final class FullDiffScenario {

  public static final String DIRECTORY = "bench";
  /** A full run, no dry run, no --allow-deletions: the threshold below must let the plan through. */
  public static final RunOptions FULL = new RunOptions(true, false, false);

  private final Path dir;
  private final GeneratedDirectory source;
  private final SafetyPolicy safety;
  private final Path template;
  private final Path work;
  private SyncEngine engine;
  private GeneratedConnector lastConnector;

  public FullDiffScenario(Path dir, long users) {
    this.dir = dir;
    this.source = new GeneratedDirectory(users);
    // 1 % changed means 0.15 % deactivated: more than the default 50 users, far under 10 %.
    this.safety = new SafetyPolicy((int) Math.min(Integer.MAX_VALUE, users), 10);
    this.template = dir.resolve("seed-v" + GeneratedDirectory.VERSION + "-" + users + ".db");
    this.work = dir.resolve("work-" + ProcessHandle.current().pid()).resolve("state.db");
  }

  /** The default place for templates and working copies: {@code -Ddirsync.bench.dir}, else a temp folder. */
  public static Path defaultDir() {
    String d = System.getProperty("dirsync.bench.dir");
    return Path.of(d != null ? d : System.getProperty("java.io.tmpdir") + "/dirsync-bench");
  }

  public GeneratedDirectory source() {
    return source;
  }

  public Path template() {
    return template;
  }

  /** Makes the template unless it exists. Returns true if it had to seed. */
  public boolean prepareTemplate() {
    if (Files.isRegularFile(template)) {
      return false;
    }
    Path seedDir = dir.resolve("seeding-" + ProcessHandle.current().pid());
    try {
      deleteTree(seedDir);
      StateDatabase db = StateDatabase.open(seedDir.resolve("state.db"));
      firstSync(db);
      saveTemplate(db);
      return true;
    } finally {
      deleteTree(seedDir);
    }
  }

  /** The first sync of the {@code BEFORE} listing into {@code db}: N creates. */
  public RunReport firstSync(StateDatabase db) {
    RunReport r = new SyncEngine(new StateStore(db), Clock.systemUTC())
        .run(DIRECTORY, new GeneratedConnector(source, GeneratedConnector.State.BEFORE), safety, FULL);
    if (!r.succeeded() || !Map.of("user.create", (int) source.size()).equals(r.record().counts())) {
      throw new IllegalStateException("seeding " + source.size() + " users did not create them all: " + r.record());
    }
    return r;
  }

  /** Empties the outbox of {@code db} (as if delivered and pruned) and saves a compact copy as the template. */
  public void saveTemplate(StateDatabase db) {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(template.getFileName() + ".tmp-" + ProcessHandle.current().pid());
      Files.deleteIfExists(tmp);
      db.jdbi().useHandle(h -> {
        h.execute("DELETE FROM outbox");
        h.execute("VACUUM INTO ?", tmp.toString());
      });
      Files.move(tmp, template, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh working copy of the template, and a new engine over it. Not part of a measurement. */
  public void restore() {
    try {
      deleteTree(work.getParent());
      Files.createDirectories(work.getParent());
      Files.copy(template, work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    engine = new SyncEngine(new StateStore(StateDatabase.open(work)), Clock.systemUTC());
  }

  /** One full run over the current listing; throws unless it committed exactly the expected plan. */
  public RunReport run() {
    lastConnector = new GeneratedConnector(source, GeneratedConnector.State.CURRENT);
    RunReport r = engine.run(DIRECTORY, lastConnector, safety, FULL);
    Map<String, Integer> expected = source.expected().asCounts();
    if (!r.succeeded() || !expected.equals(r.record().counts())) {
      throw new IllegalStateException("the run did not commit the expected plan " + expected + ": " + r.record());
    }
    return r;
  }

  /** The connector of the last {@link #run()}, for its timings. */
  public GeneratedConnector lastConnector() {
    return lastConnector;
  }

  /** Removes this process's working copy. */
  public void cleanUp() {
    deleteTree(work.getParent());
  }

  static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> all = Files.walk(p)) {
      for (Path f : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
