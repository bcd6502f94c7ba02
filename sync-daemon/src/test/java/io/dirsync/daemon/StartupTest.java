package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.snapshot.RunRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up of a real {@code dirsync run}: a missed full sync runs once, a full sync that ran does not. */
class StartupTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  private String runUntilStarted(Path config) throws Exception {
    Subprocess p = Subprocess.start(tmp, Map.of(), "run", "--config", config.toString());
    await().atMost(WAIT).until(() -> p.stderr().contains("Daemon - started:") || !p.process.isAlive());
    assertThat(p.process.isAlive()).as(p.stderr()).isTrue();
    Daemons.signal(p.process, "TERM");
    assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.process.exitValue()).as(p.stderr()).isZero();
    return p.stderr();
  }

  @Test
  void aDirectoryThatNeverHadAFullSyncGetsOneAtStartAndNotAgainAfterARestart() throws Exception {
    Cli.org(5).write(tmp.resolve("acme.json"));
    // the cron's next fire is decades away: only the start-up catch-up can run a full sync
    Path config = Daemons.config(tmp, "", Daemons.directory(tmp, "acme", "schedule: \"0 0 2 1 1 ? 2099\""));
    Subprocess first = Subprocess.start(tmp, Map.of(), "run", "--config", config.toString());
    await().atMost(WAIT).until(() -> Daemons.lastRun(tmp, "acme").isPresent() || !first.process.isAlive());
    Daemons.signal(first.process, "TERM");
    assertThat(first.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.stderr()).contains("directory=acme missed its full sync (never had one); running one now")
        .as("Quartz's start-up banner is muted").doesNotContain("Quartz Scheduler").doesNotContain("org.quartz");
    assertThat(Daemons.lastRun(tmp, "acme").orElseThrow().outcome()).isEqualTo("succeeded");

    String second = runUntilStarted(config);
    assertThat(second).doesNotContain("missed its full sync");
    assertThat(Daemons.lines(tmp.resolve("acme.json.runs"))).containsExactly("full");
  }

  @Test
  void aNightlyFullSyncMissedWhileTheDaemonWasDownRunsOnceAtStart() throws Exception {
    Cli.org(5).write(tmp.resolve("acme.json"));
    Path config = Daemons.config(tmp, "", Daemons.directory(tmp, "acme"));
    Instant longAgo = Instant.parse("2026-01-10T02:00:00Z");
    Daemons.store(tmp).recordRun(new RunRecord("old", "acme", "full", "succeeded", longAgo, longAgo.plusSeconds(5),
        Map.of(), null, 0, 0, 0));

    Subprocess p = Subprocess.start(tmp, Map.of(), "run", "--config", config.toString());
    await().atMost(WAIT).until(() -> Daemons.lines(tmp.resolve("acme.json.runs")).contains("full") || !p.process.isAlive());
    Daemons.signal(p.process, "TERM");
    assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.stderr()).contains("directory=acme missed its full sync (last one started 2026-01-10T02:00:00Z); running one now");
    assertThat(Daemons.lines(tmp.resolve("acme.json.runs"))).as("many missed nights, one run").containsExactly("full");
  }
}
