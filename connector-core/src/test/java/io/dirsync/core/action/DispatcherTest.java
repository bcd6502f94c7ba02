package io.dirsync.core.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.testing.InMemoryConnector;
import io.dirsync.core.testing.InMemorySource;
import io.dirsync.core.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {

  @TempDir
  Path tmp;
  StateStore store;
  Dispatcher dispatcher;

  /** A sink that records what it took and fails on command. */
  static final class Recording implements ActionSink {
    final String id;
    final List<Long> seqs = new ArrayList<>();
    boolean down;

    Recording(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public void deliver(List<OutboxEntry> batch) throws SinkException {
      if (down) {
        throw new SinkException("receiver unreachable");
      }
      batch.forEach(e -> seqs.add(e.seq()));
    }
  }

  final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void setUp() {
    store = new StateStore(StateDatabase.open(tmp.resolve("state.db")));
    dispatcher = new Dispatcher(store, clock);
  }

  void commitUsers(int from, int to) {
    InMemorySource src = new InMemorySource();
    for (int i = 0; i < to; i++) {
      src.putUser(new User("u" + (1000 + i), "u" + i + "@x", null, null, null, null, true, null, null, null, null, Map.of()));
    }
    new SyncEngine(store, Clock.systemUTC()).run("d", new InMemoryConnector(src, 100, Clock.systemUTC()),
        new SafetyPolicy(10_000, 100), new RunOptions(true, false, false));
  }

  @Test
  void aSinkThatIsDownKeepsItsActionsAndAnotherSinkIsNotHeldUp() {
    commitUsers(0, 1200);
    Recording up = new Recording("up");
    Recording down = new Recording("down");
    down.down = true;

    Dispatcher.Result r = dispatcher.deliverAll(List.of(down, up));

    assertThat(r.failedSinks()).containsExactly("down");
    assertThat(up.seqs).hasSize(1200).isSorted();
    assertThat(store.pending("d", List.of("down"))).isEqualTo(1200);
    assertThat(store.pending("d", List.of("up"))).isZero();

    commitUsers(0, 1300);
    down.down = false;
    Dispatcher.Result waiting = dispatcher.deliverAll(List.of(down, up));
    assertThat(waiting.failedSinks()).as("still in its backoff").containsExactly("down");
    assertThat(down.seqs).isEmpty();
    clock.now = clock.now.plus(Duration.ofSeconds(2));
    Dispatcher.Result later = dispatcher.deliverAll(List.of(down, up));

    assertThat(later.complete()).isTrue();
    assertThat(down.seqs).hasSize(1300).isSorted().doesNotHaveDuplicates();
    assertThat(up.seqs).hasSize(1300).isSorted().doesNotHaveDuplicates();
  }

  void commitUsers(String directory, int n) {
    InMemorySource src = new InMemorySource();
    for (int i = 0; i < n; i++) {
      src.putUser(new User("u" + i, "u" + i + "@x", null, null, null, null, true, null, null, null, null, Map.of()));
    }
    new SyncEngine(store, Clock.systemUTC()).run(directory, new InMemoryConnector(src, 100, Clock.systemUTC()),
        new SafetyPolicy(10_000, 100), new RunOptions(true, false, false));
  }

  @Test
  void onlyQueuesWithSomethingToDeliverOrParkedAreVisited() {
    for (int d = 0; d < 30; d++) {
      commitUsers(String.format("dir%02d", d), 2);
    }
    Recording a = new Recording("a");
    Recording b = new Recording("b");
    assertThat(dispatcher.deliverAll(List.of(a, b)).delivered()).isEqualTo(2 * 30 * 2);
    assertThat(store.queuesToDeliver(List.of("a", "b"))).as("everything delivered: nothing to visit").isEmpty();

    commitUsers("dir07", 3);
    store.failed("b", "dir03", null, "HTTP 422", 1L);
    assertThat(store.queuesToDeliver(List.of("b", "a")))
        .extracting(q -> q.directory() + "/" + q.sink() + (q.parked() ? " parked" : ""))
        .containsExactly("dir03/b parked", "dir07/b", "dir07/a");
    assertThat(store.queuesToDeliver(List.of("c"))).as("a new sink starts at the beginning of every queue").hasSize(30);
  }

  @Test
  void backoffDoublesUpToFiveMinutesAndHonoursRetryAfter() {
    SinkException plain = SinkException.retryLater("503", null, null);
    assertThat(Dispatcher.backoff(1, plain)).isEqualTo(Duration.ofSeconds(2));
    assertThat(Dispatcher.backoff(5, plain)).isEqualTo(Duration.ofSeconds(32));
    assertThat(Dispatcher.backoff(30, plain)).isEqualTo(Duration.ofMinutes(5));
    assertThat(Dispatcher.backoff(1, SinkException.retryLater("429", Duration.ofMillis(2128), null)))
        .isEqualTo(Duration.ofMillis(2128));
  }

  @Test
  void jsonlAppendsOneActionPerLineOwnerOnly() throws Exception {
    commitUsers(0, 3);
    Path file = tmp.resolve("out/actions.jsonl");
    dispatcher.deliverAll(List.of(JsonlSink.toFile("j", file)));
    commitUsers(0, 4);
    dispatcher.deliverAll(List.of(JsonlSink.toFile("j", file)));

    assertThat(Files.readAllLines(file)).hasSize(4).allMatch(l -> l.startsWith("{\"id\":"));
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
