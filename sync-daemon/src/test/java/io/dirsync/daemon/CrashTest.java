package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.daemon.fixture.FixtureSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with SIGKILL in the middle leaves the store as it was, and the next run produces every action. */
class CrashTest {

  @TempDir
  Path tmp;

  static String dump(Path db) {
    return StateDatabase.open(db).jdbi().withHandle(h -> {
      StringBuilder sb = new StringBuilder();
      for (String q : List.of("SELECT * FROM users ORDER BY 1, 2", "SELECT * FROM groups ORDER BY 1, 2",
          "SELECT * FROM memberships ORDER BY 1, 2, 3", "SELECT * FROM directory_state", "SELECT * FROM runs ORDER BY id",
          "SELECT * FROM outbox ORDER BY seq", "SELECT * FROM deliveries ORDER BY 1, 2")) {
        h.createQuery(q).mapToMap().forEach(r -> sb.append(r).append('\n'));
      }
      return sb.toString();
    });
  }

  @Test
  void killedMidFetchChangesNothingAndTheNextRunProducesEveryAction() throws Exception {
    Cli cli = new Cli(tmp);
    Cli.org(60).write(tmp.resolve("source.json"));
    Path config = cli.config("pageSize: 10", "actions.jsonl");
    assertThat(cli.run("sync", "--config", config.toString()).code()).isZero();
    int delivered = cli.actionLines().size();
    String before = dump(tmp.resolve("state.db"));

    FixtureSource changed = Cli.org(62).withoutUsers(0, 3);
    changed.write(tmp.resolve("source.json"));
    cli.config("pageSize: 10\nblockOnPage: 4", "actions.jsonl");
    Subprocess p = Subprocess.start(tmp, Map.of(), "sync", "--config", config.toString());
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(tmp.resolve("source.json.blocked")) || !p.process.isAlive());
    assertThat(p.process.isAlive()).as("blocked on page 4: %s", p.stderr()).isTrue();
    p.process.destroyForcibly(); // SIGKILL
    p.waitFor();

    assertThat(dump(tmp.resolve("state.db"))).isEqualTo(before);
    assertThat(cli.actionLines()).hasSize(delivered);

    cli.config("pageSize: 10", "actions.jsonl");
    Cli.Result next = cli.run("sync", "--config", config.toString());
    assertThat(next.code()).as(next.out()).isZero();
    List<String> added = cli.actionLines().subList(delivered, cli.actionLines().size());
    assertThat(added).hasSize(3 + 2 + 2 + 3);
    assertThat(added.stream().filter(l -> l.contains("\"user.create\""))).hasSize(2);
    assertThat(added.stream().filter(l -> l.contains("\"user.deactivate\""))).hasSize(3);
    assertThat(Files.list(tmp.resolve("state.db.staging"))).as("the killed run's scratch file was cleaned").isEmpty();
  }
}
