package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to a real {@code dirsync run}: graceful, bounded, and nothing half-committed. */
class ShutdownTest {

  private static final Duration START = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  private Subprocess startBlocked(String grace) throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Path config = Daemons.config(tmp, "shutdownGrace: " + grace, Daemons.directory(tmp, "acme", "blockOnPage: 1"));
    Subprocess p = Subprocess.start(tmp, Map.of(), "run", "--config", config.toString());
    await().atMost(START).until(() -> Files.exists(tmp.resolve("acme.json.blocked")) || !p.process.isAlive());
    assertThat(p.process.isAlive()).as("the start-up full sync is blocked on page 1: %s", p.stderr()).isTrue();
    return p;
  }

  private static int exit(Subprocess p) throws Exception {
    assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    return p.process.exitValue();
  }

  @Test
  void aRunStillGoingWhenTheGracePeriodEndsIsInterruptedCommitsNothingAndTheDaemonExitsZero() throws Exception {
    Subprocess p = startBlocked("PT1S");

    Daemons.signal(p.process, "TERM");

    assertThat(exit(p)).as(p.stderr()).isZero();
    assertThat(p.stderr()).contains("grace period of 1 s is over; interrupting 1 run(s) (acme)").contains("stopped");
    var last = Daemons.lastRun(tmp, "acme").orElseThrow();
    assertThat(last.outcome()).isEqualTo("failed");
    assertThat(last.message()).contains("interrupted");
    assertThat(Daemons.store(tmp).stats("acme").users()).as("nothing committed").isZero();
    assertThat(Daemons.lines(tmp.resolve("actions.jsonl"))).isEmpty();
  }

  @Test
  void aRunThatEndsWithinTheGracePeriodCommitsAndDeliversBeforeTheDaemonExits() throws Exception {
    Subprocess p = startBlocked("PT5M");

    Daemons.signal(p.process, "TERM");
    await().atMost(START).until(() -> p.stderr().contains("stopping: waiting up to 300 s for 1 run(s) in progress (acme)"));
    assertThat(p.process.isAlive()).isTrue();
    Files.writeString(tmp.resolve("acme.json.release"), "go");

    assertThat(exit(p)).as(p.stderr()).isZero();
    assertThat(Daemons.lastRun(tmp, "acme").orElseThrow().outcome()).isEqualTo("succeeded");
    assertThat(Daemons.store(tmp).stats("acme").users()).isEqualTo(30);
    assertThat(Daemons.lines(tmp.resolve("actions.jsonl"))).as("delivered before exit").hasSize(30 + 1 + 30);
  }

  @Test
  void aSecondSigtermAbortsTheRunningSyncsAtOnce() throws Exception {
    Subprocess p = startBlocked("PT10M");

    Daemons.signal(p.process, "TERM");
    await().atMost(START).until(() -> p.stderr().contains("stopping: waiting up to 600 s"));
    Daemons.signal(p.process, "TERM");

    assertThat(exit(p)).as(p.stderr()).isZero();
    assertThat(p.stderr()).contains("second SIGTERM; interrupting 1 run(s) (acme) now");
    assertThat(Daemons.store(tmp).stats("acme").users()).isZero();
    assertThat(Daemons.lastRun(tmp, "acme").orElseThrow().outcome()).isEqualTo("failed");
  }
}
