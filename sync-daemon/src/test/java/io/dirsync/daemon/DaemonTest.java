package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.spi.ConnectorRegistry;
import io.dirsync.daemon.config.ConfigLoader;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.daemon.schedule.Daemon;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon in process: Quartz schedules, exclusion per directory, parallel directories, /metrics, /healthz. */
class DaemonTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path tmp;
  private Daemon daemon;
  private CompletableFuture<Integer> loop;

  private void start(Path file) throws Exception {
    ConfigLoader loader = new ConfigLoader(ConnectorRegistry.load(getClass().getClassLoader()), k -> null);
    DirsyncConfig config = loader.load(file);
    daemon = new Daemon(config, () -> loader.load(file), Clock.systemUTC(), new PrintStream(PrintStream.nullOutputStream()));
    daemon.start();
    loop = CompletableFuture.supplyAsync(() -> {
      try {
        return daemon.runUntilTerminated();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    if (daemon != null) {
      Files.writeString(tmp.resolve("acme.json.release"), "go");
      daemon.terminate();
      assertThat(loop.get(60, TimeUnit.SECONDS)).isZero();
    }
  }

  private String get(String path, int status) throws Exception {
    var address = daemon.httpAddress().orElseThrow();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + address.getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    return r.body();
  }

  @Test
  void aLongFullSyncHoldsBackItsDirectorysDeltasButNotAnotherDirectory() throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Cli.org(3).write(tmp.resolve("beta.json"));
    start(Daemons.config(tmp, "poolSize: 2",
        Daemons.directory(tmp, "acme", "deltas: true", "deltaEvery: PT1S", "blockOnPage: 1"),
        Daemons.directory(tmp, "beta", "deltas: true", "deltaEvery: PT1S")));

    await().atMost(WAIT).until(() -> Files.exists(tmp.resolve("acme.json.blocked")));
    await("beta runs its full sync and polls while acme is busy").atMost(WAIT)
        .until(() -> Daemons.lines(tmp.resolve("beta.json.runs")).stream().filter("delta"::equals).count() >= 2);
    assertThat(Daemons.lines(tmp.resolve("acme.json.runs"))).as("acme's deltas wait for its full sync").containsExactly("full");

    Files.writeString(tmp.resolve("acme.json.release"), "go");
    await().atMost(WAIT).until(() -> Daemons.lines(tmp.resolve("acme.json.runs")).contains("delta"));
    assertThat(Daemons.lines(tmp.resolve("acme.json.runs")).get(0)).isEqualTo("full");
    assertThat(Daemons.store(tmp).stats("acme").users()).isEqualTo(30);
  }

  @Test
  void metricsAndHealthReportRunsByOutcomeUsersAndAFailingDirectory() throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Cli.org(3).write(tmp.resolve("beta.json"));
    start(Daemons.config(tmp, "http: {port: 0}", Daemons.directory(tmp, "acme"),
        Daemons.directory(tmp, "beta", "fail: true")));

    await().atMost(WAIT).until(() -> Daemons.lastRun(tmp, "acme").isPresent() && Daemons.lastRun(tmp, "beta").isPresent());
    await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics", 200))
        .contains("dirsync_runs_total{directory=\"acme\",mode=\"full\",outcome=\"succeeded\"} 1.0")
        .contains("dirsync_runs_total{directory=\"beta\",mode=\"full\",outcome=\"failed\"} 1.0")
        .contains("dirsync_actions_total{directory=\"acme\",type=\"user.create\"} 30.0")
        .contains("dirsync_users{directory=\"acme\"} 30.0")
        .contains("dirsync_held{directory=\"acme\"} 0.0")
        .contains("dirsync_outbox_pending{directory=\"acme\"} 0.0")
        .contains("dirsync_run_duration_seconds_count{directory=\"acme\",mode=\"full\"} 1")
        .contains("dirsync_retries_total{directory=\"acme\"} 0.0")
        .contains("dirsync_throttled_total{directory=\"acme\"} 0.0"));

    String health = get("/healthz", 503);
    assertThat(health).contains("\"status\":\"failing\"")
        .contains("{\"id\":\"acme\",\"healthy\":true,\"lastOutcome\":\"succeeded\"")
        .contains("{\"id\":\"beta\",\"healthy\":false,\"lastOutcome\":\"failed\"");
    get("/nothing-here", 404);
  }

  @Test
  void aScheduledRunOfADirectoryAManualSyncIsRunningIsSkippedNotRunAlongside() throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Path config = Daemons.config(tmp, "http: {port: 0}", Daemons.directory(tmp, "acme", "blockOnPage: 1"));
    Subprocess manual = Subprocess.start(tmp, java.util.Map.of(), "sync", "--full", "--config", config.toString());
    await().atMost(WAIT).until(() -> Files.exists(tmp.resolve("acme.json.blocked")) || !manual.process.isAlive());
    assertThat(manual.process.isAlive()).as(manual.stderr()).isTrue();

    start(config);

    await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics", 200))
        .contains("dirsync_runs_skipped_total{directory=\"acme\"} 1.0"));
    assertThat(Daemons.lines(tmp.resolve("acme.json.runs"))).as("only the manual sync listed").containsExactly("full");
    Files.writeString(tmp.resolve("acme.json.release"), "go");
    assertThat(manual.waitFor()).as(manual.stderr()).isZero();
  }

  @Test
  void aHeldDirectoryAndActionsASinkCannotTakeShowInTheMetrics() throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Cli.org(3).write(tmp.resolve("beta.json"));
    Path config = Daemons.config(tmp, "http: {port: 0}", Daemons.directory(tmp, "acme"), Daemons.directory(tmp, "beta"));
    assertThat(new Cli(tmp).run("sync", "--config", config.toString()).code()).isZero();
    Cli.org(30).withoutUsers(0, 30).write(tmp.resolve("acme.json")); // everyone gone: held
    Cli.org(5).write(tmp.resolve("beta.json"));                      // two more users
    Files.delete(tmp.resolve("actions.jsonl"));
    Files.createDirectories(tmp.resolve("actions.jsonl"));           // the sink cannot write any more

    start(config);

    await().atMost(WAIT).untilAsserted(() -> assertThat(get("/metrics", 200))
        .contains("dirsync_held{directory=\"acme\"} 1.0")
        .contains("dirsync_runs_total{directory=\"acme\",mode=\"full\",outcome=\"held\"} 1.0")
        .contains("dirsync_held{directory=\"beta\"} 0.0")
        .contains("dirsync_outbox_pending{directory=\"beta\"} 4.0")
        .contains("dirsync_users{directory=\"beta\"} 5.0"));
  }

  @Test
  void aReloadDuringARunLetsItFinishOnTheOldConfigurationAndRunsTheNewOne() throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Cli.org(3).write(tmp.resolve("beta.json"));
    start(Daemons.config(tmp, "", Daemons.directory(tmp, "acme", "blockOnPage: 1")));
    assertThat(daemon.httpAddress()).as("no daemon.http: nothing served").isEmpty();
    await().atMost(WAIT).until(() -> Files.exists(tmp.resolve("acme.json.blocked")));

    Daemons.config(tmp, "", Daemons.directory(tmp, "acme", "blockOnPage: 1"), Daemons.directory(tmp, "beta"));
    daemon.reload();
    await().atMost(WAIT).until(() -> Daemons.lastRun(tmp, "beta").map(r -> r.outcome().equals("succeeded")).orElse(false));
    Files.writeString(tmp.resolve("acme.json.release"), "go");

    await().atMost(WAIT).until(() -> Daemons.lastRun(tmp, "acme").map(r -> r.outcome().equals("succeeded")).orElse(false));
    assertThat(Daemons.store(tmp).stats("acme").users()).isEqualTo(30);
    assertThat(Daemons.store(tmp).stats("beta").users()).isEqualTo(3);
    await().atMost(WAIT).until(() -> Daemons.lines(tmp.resolve("actions.jsonl")).size() == 61 + 7);
  }

  @Test
  void healthzIsOkWhenEveryDirectorySucceeded() throws Exception {
    Cli.org(3).write(tmp.resolve("acme.json"));
    start(Daemons.config(tmp, "http: {port: 0}", Daemons.directory(tmp, "acme")));
    await().atMost(WAIT).until(() -> Daemons.lastRun(tmp, "acme").isPresent());
    await().atMost(WAIT).untilAsserted(() -> assertThat(get("/healthz", 200)).contains("\"status\":\"ok\""));
  }
}
