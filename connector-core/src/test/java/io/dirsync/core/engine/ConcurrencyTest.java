package io.dirsync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.testing.InMemoryConnector;
import io.dirsync.core.testing.InMemorySource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

  @TempDir
  Path tmp;

  @Test
  void aLongFetchDoesNotBlockAnotherDirectorysCommit() throws Exception {
    EngineFixture f = new EngineFixture(tmp);
    f.seed(30);
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    f.connector.beforeUsersPage(page -> {
      if (page == 2) {
        fetching.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    CompletableFuture<RunReport> slow = CompletableFuture.supplyAsync(f::full);
    assertThat(fetching.await(30, TimeUnit.SECONDS)).isTrue();

    InMemorySource other = new InMemorySource();
    other.putUser(EngineFixture.user(1));
    RunReport fast = f.engine.run("other", new InMemoryConnector(other, 10, Clock.systemUTC()), SafetyPolicy.DEFAULT,
        RunOptions.SCHEDULED);

    assertThat(fast.succeeded()).as("committed while acme was still fetching").isTrue();
    assertThat(slow).isNotDone();
    release.countDown();
    assertThat(slow.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
  }

  @Test
  void aRunWhoseDirectoryWasCommittedMeanwhileByAnotherProcessCommitsNothing() throws Exception {
    EngineFixture f = new EngineFixture(tmp);
    f.seed(10);
    f.full();
    // a second engine on the same file stands for another process (a manual sync while the daemon runs)
    SyncEngine otherProcess = new SyncEngine(new StateStore(f.db), Clock.systemUTC());
    f.source.putUser(EngineFixture.user(11));
    f.connector.beforeUsersPage(page -> {
      if (page == 1) {
        f.connector.beforeUsersPage(p -> { });
        assertThat(otherProcess.run(EngineFixture.DIR, f.connector, SafetyPolicy.DEFAULT, new RunOptions(true, false, false))
            .succeeded()).isTrue();
      }
    });
    f.newActions();

    RunReport r = f.full();

    assertThat(r.failed()).isTrue();
    assertThat(r.record().message()).contains("was committed by another run");
    assertThat(EngineFixture.types(f.newActions())).containsExactly("user.create u011")
        .as("exactly once, from the run that committed");
  }

  @Test
  void cleaningUpAfterAKilledRunLeavesOtherDirectoriesScratchFilesAlone() throws Exception {
    EngineFixture f = new EngineFixture(tmp);
    java.nio.file.Path dir = tmp.resolve("state.db.staging");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Path leftover = dir.resolve("acme-" + java.util.UUID.randomUUID() + ".db");
    java.nio.file.Path otherLive = dir.resolve("acme-2-" + java.util.UUID.randomUUID() + ".db");
    java.nio.file.Files.writeString(leftover, "");
    java.nio.file.Files.writeString(otherLive, "");

    io.dirsync.core.snapshot.sqlite.Staging.removeLeftovers(f.db, "acme");

    assertThat(leftover).doesNotExist();
    assertThat(otherLive).exists();
  }
}
