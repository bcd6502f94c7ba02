package io.dirsync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.action.ActionSink;
import io.dirsync.core.action.Dispatcher;
import io.dirsync.core.snapshot.OutboxEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditRetentionTest {

  @TempDir
  Path tmp;

  @Test
  void pruningDropsOldDeliveredActionsAndRunsButNeverUndeliveredOnesNorTheLatestRun() {
    EngineFixture f = new EngineFixture(tmp);
    f.seed(5);
    f.full();
    ActionSink ok = new ActionSink() {
      @Override
      public String id() {
        return "a";
      }

      @Override
      public void deliver(List<OutboxEntry> batch) {
      }
    };
    new Dispatcher(f.store, Clock.systemUTC()).deliverAll(List.of(ok));
    f.source.putUser(EngineFixture.user(9));
    f.full();
    String latestRun = f.store.lastRun("acme").orElseThrow().id();

    int removed = f.store.prune(Instant.parse("2027-01-01T00:00:00Z"));

    assertThat(f.store.after(0, 1000)).extracting(OutboxEntry::run).containsOnly(latestRun).hasSize(1);
    assertThat(f.store.runs(Optional.of("acme"), 10)).extracting(r -> r.id()).containsExactly(latestRun);
    assertThat(removed).isEqualTo(5 + 2 + 7 + 1);
  }
}
