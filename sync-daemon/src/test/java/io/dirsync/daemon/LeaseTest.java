package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.snapshot.sqlite.DirectoryLeases;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs of one directory never overlap across processes: a lease row in the state database. */
class LeaseTest {

  @TempDir
  Path tmp;

  @Test
  void aLeaseIsHeldByOneOwnerUntilReleasedOrExpired() {
    MovableClock clock = new MovableClock(Instant.parse("2026-03-01T10:00:00Z"));
    DirectoryLeases leases = new DirectoryLeases(StateDatabase.open(tmp.resolve("state.db")), clock);
    Duration ttl = Duration.ofSeconds(60);

    assertThat(leases.tryAcquire("acme", "a", ttl)).isTrue();
    assertThat(leases.tryAcquire("acme", "b", ttl)).as("held by a").isFalse();
    assertThat(leases.tryAcquire("beta", "b", ttl)).as("another directory").isTrue();
    assertThat(leases.holder("acme")).hasValueSatisfying(h -> assertThat(h.owner()).isEqualTo("a"));

    clock.now = clock.now.plusSeconds(59);
    assertThat(leases.renew("acme", "a", ttl)).isTrue();
    clock.now = clock.now.plusSeconds(59);
    assertThat(leases.tryAcquire("acme", "b", ttl)).as("renewed, still a's").isFalse();

    clock.now = clock.now.plusSeconds(2);
    assertThat(leases.holder("acme")).as("expired").isEmpty();
    assertThat(leases.tryAcquire("acme", "b", ttl)).as("taken over after expiry").isTrue();
    assertThat(leases.renew("acme", "a", ttl)).as("a lost it").isFalse();
    leases.release("acme", "a");
    assertThat(leases.holder("acme")).as("a cannot release b's lease").isPresent();
    leases.release("acme", "b");
    assertThat(leases.tryAcquire("acme", "c", ttl)).isTrue();
  }

  @Test
  void ownersNameHostPidAndARandomPart() {
    String owner = DirectoryLeases.newOwner();
    assertThat(owner).matches(".+/" + ProcessHandle.current().pid() + "/[0-9a-f]{8}");
    assertThat(DirectoryLeases.newOwner()).isNotEqualTo(owner);
  }

  @Test
  void aManualSyncOfADirectoryAnotherProcessIsSyncingWaitsThenSaysItIsBusyAndRunsNothing() throws Exception {
    Cli.org(30).write(tmp.resolve("acme.json"));
    Path config = Daemons.config(tmp, "busyWait: PT1S", Daemons.directory(tmp, "acme", "blockOnPage: 1"));
    Subprocess other = Subprocess.start(tmp, Map.of(), "sync", "--config", config.toString());
    await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(tmp.resolve("acme.json.blocked")) || !other.process.isAlive());
    assertThat(other.process.isAlive()).as(other.stderr()).isTrue();

    Cli.Result busy = new Cli(tmp).run("sync", "--config", config.toString());

    assertThat(busy.code()).as(busy.out() + busy.err()).isEqualTo(1);
    assertThat(busy.out()).contains("directory acme is busy: another run is syncing it (held by ")
        .contains("/" + other.process.pid() + "/").contains("waited 1 s, nothing was run");
    assertThat(Daemons.lines(tmp.resolve("acme.json.runs"))).as("only the other process listed").hasSize(1);

    Files.writeString(tmp.resolve("acme.json.release"), "go");
    assertThat(other.waitFor()).as(other.stderr()).isZero();
    Cli.Result after = new Cli(tmp).run("sync", "--config", config.toString());
    assertThat(after.code()).as(after.out()).isZero();
    assertThat(after.out()).contains("no changes");
  }
}
