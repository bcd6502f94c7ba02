package io.dirsync.daemon;

import io.dirsync.core.snapshot.RunRecord;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Helpers for tests of {@code dirsync run}: configs over {@code gated} directories, signals, the state. */
final class Daemons {

  private Daemons() {
  }

  /** A gated directory entry; {@code extra} lines are added to it (indented by the caller-free form "key: value"). */
  static String directory(Path dir, String id, String... extra) {
    StringBuilder sb = new StringBuilder("  - id: " + id + "\n    type: gated\n    source: " + dir.resolve(id + ".json") + "\n");
    for (String e : extra) {
      sb.append("    ").append(e).append('\n');
    }
    return sb.toString();
  }

  static Path config(Path dir, String daemon, String... directories) {
    String text = "state:\n  path: state.db\n" + (daemon.isEmpty() ? "" : "daemon:\n" + daemon.indent(2))
        + "directories:\n" + String.join("", directories) + "sinks:\n  - type: jsonl\n    path: actions.jsonl\n";
    return write(dir.resolve("dirsync.yaml"), text);
  }

  static Path write(Path p, String text) {
    try {
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path p) {
    try {
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void signal(Process p, String signal) throws IOException, InterruptedException {
    int rc = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).inheritIO().start().waitFor();
    if (rc != 0) {
      throw new IllegalStateException("kill -" + signal + " " + p.pid() + " exited " + rc);
    }
  }

  static StateStore store(Path dir) {
    return new StateStore(StateDatabase.open(dir.resolve("state.db")));
  }

  static Optional<RunRecord> lastRun(Path dir, String directory) {
    return store(dir).lastRun(directory);
  }
}
