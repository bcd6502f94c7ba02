package io.dirsync.daemon;

import io.dirsync.core.model.Group;
import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.model.User;
import io.dirsync.daemon.cli.Dirsync;
import io.dirsync.daemon.fixture.FixtureSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs {@code dirsync} in process with captured streams, an injected environment and clock. */
final class Cli {

  record Result(int code, String out, String err) {}

  final Path dir;
  final Map<String, String> env = new HashMap<>();
  final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

  Cli(Path dir) {
    this.dir = dir;
  }

  Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Dirsync.execute(args, env::get, clock, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path write(String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, text);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static User user(int i) {
    return new User(String.format("u%04d", i), "user" + i + "@acme.example", "user" + i + "@acme.example", "Given" + i,
        "Family" + i, "Given" + i + " Family" + i, true, "Dept", "Title", null, null, Map.of());
  }

  /** n users, group g-all with all of them. */
  static FixtureSource org(int n) {
    List<User> users = new ArrayList<>();
    List<Membership> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      users.add(user(i));
      members.add(new Membership("g-all", user(i).id(), MemberType.USER));
    }
    return new FixtureSource(users, List.of(new Group("g-all", "all", "all@acme.example", null)), members);
  }

  /** A config with one fixture directory "acme" over {@code source.json} and a jsonl sink. */
  Path config(String directoryExtra, String sinkPath) {
    return write("dirsync.yaml", """
        state:
          path: state.db
        directories:
          - id: acme
            type: fixture
            source: %s
        %s
        sinks:
          - type: jsonl
            path: %s
        """.formatted(dir.resolve("source.json"), directoryExtra.indent(4).stripTrailing(), sinkPath));
  }

  List<String> actionLines() {
    try {
      Path p = dir.resolve("actions.jsonl");
      return Files.exists(p) ? Files.readAllLines(p) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
