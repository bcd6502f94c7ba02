package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP to a real {@code dirsync run}: a good configuration is taken, a bad one rejected. */
class ReloadTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir
  Path tmp;

  @Test
  void sighupTakesAGoodConfigurationAndRejectsABadOneKeepingTheRunningOne() throws Exception {
    Cli.org(5).write(tmp.resolve("acme.json"));
    Cli.org(7).write(tmp.resolve("beta.json"));
    Path config = Daemons.config(tmp, "", Daemons.directory(tmp, "acme"));
    Subprocess p = Subprocess.start(tmp, Map.of(), "run", "--config", config.toString());
    try {
      await().atMost(WAIT).until(() -> Daemons.lines(tmp.resolve("acme.json.runs")).contains("full") || !p.process.isAlive());
      assertThat(p.process.isAlive()).as(p.stderr()).isTrue();

      Daemons.config(tmp, "", Daemons.directory(tmp, "acme"), Daemons.directory(tmp, "beta"));
      Daemons.signal(p.process, "HUP");
      try {
        await().atMost(WAIT).until(() -> p.stderr().contains("reloaded " + config + ": 2 directories (acme, beta)"));
      } catch (org.awaitility.core.ConditionTimeoutException e) {
        // e.g. a build started under nohup: SIGHUP is ignored from the start and the daemon says so
        throw new AssertionError("no reload reported; daemon alive=" + p.process.isAlive() + "; its stderr:\n"
            + p.stderr(), e);
      }
      await("the new directory's first full sync runs at once").atMost(WAIT)
          .until(() -> Daemons.lastRun(tmp, "beta").map(r -> r.outcome().equals("succeeded")).orElse(false));

      Daemons.config(tmp, "", Daemons.directory(tmp, "acme", "schedule: every night"));
      Daemons.signal(p.process, "HUP");
      await().atMost(WAIT).until(() -> p.stderr().contains("reload rejected"));
      assertThat(p.stderr()).contains("reload rejected, still running the previous configuration: " + config
          + ": directories[0].schedule: not a Quartz cron expression");
      assertThat(p.process.isAlive()).isTrue();

      Daemons.signal(p.process, "TERM");
      assertThat(p.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.process.exitValue()).as(p.stderr()).isZero();
    } finally {
      p.process.destroyForcibly(); // a failed assertion must not leave a daemon running
    }
    assertThat(Daemons.store(tmp).stats("beta").users()).isEqualTo(7);
  }

  @Test
  void aBadConfigurationAtStartExitsTwoNamingTheKey() throws Exception {
    Cli.org(5).write(tmp.resolve("acme.json"));
    Path config = Daemons.config(tmp, "poolSize: 0", Daemons.directory(tmp, "acme"));
    Subprocess p = Subprocess.start(tmp, Map.of(), "run", "--config", config.toString());
    assertThat(p.waitFor()).isEqualTo(2);
    assertThat(p.stderr()).contains("daemon.poolSize: expected a whole number from 1 to 64, was '0'");
  }
}
