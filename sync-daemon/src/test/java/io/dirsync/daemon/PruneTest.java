package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.spi.ConnectorRegistry;
import io.dirsync.core.testing.MovableClock;
import io.dirsync.daemon.config.ConfigLoader;
import io.dirsync.daemon.config.DirsyncConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail is pruned after deliveries, at most once an hour (the pruning reads whole tables). */
class PruneTest {

  @TempDir
  Path tmp;

  @Test
  void deliveredActionsPastTheRetentionGoAtTheFirstDeliveryAnHourAfterTheLastPrune() throws Exception {
    Cli cli = new Cli(tmp);
    Cli.org(3).write(tmp.resolve("source.json"));
    ConfigLoader loader = new ConfigLoader(ConnectorRegistry.load(getClass().getClassLoader()), k -> null);
    DirsyncConfig config = loader.load(cli.config("", tmp.resolve("actions.jsonl").toString()));
    MovableClock clock = new MovableClock(java.time.Instant.parse("2026-03-01T10:00:00Z"));
    var t0 = clock.now;
    try (App app = new App(config, clock, new PrintStream(PrintStream.nullOutputStream()))) {
      assertThat(app.run(config.directories().get(0), new RunOptions(true, false, false)).succeeded()).isTrue();
      assertThat(app.deliver().complete()).isTrue(); // pruned at t0: nothing is old yet
      int actions = app.store().after(0, 1000).size();
      assertThat(actions).isEqualTo(3 + 1 + 3);

      clock.now = t0.plus(Duration.ofDays(90)).minus(Duration.ofMinutes(10));
      app.deliver(); // pruned: the actions are 10 minutes short of the retention
      assertThat(app.store().after(0, 1000)).hasSize(actions);

      clock.now = t0.plus(Duration.ofDays(90)).plus(Duration.ofMinutes(1));
      app.deliver(); // past the retention, but within the hour since the last prune: not pruned yet
      assertThat(app.store().after(0, 1000)).hasSize(actions);

      clock.now = t0.plus(Duration.ofDays(90)).plus(Duration.ofMinutes(50));
      app.deliver();
      assertThat(app.store().after(0, 1000)).as("an hour after the last prune").isEmpty();
    }
  }
}
