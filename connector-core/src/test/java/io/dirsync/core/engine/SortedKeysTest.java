package io.dirsync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.Staging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortedKeysTest {

  @TempDir
  Path tmp;

  private static boolean readerAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("dirsync-plan-"));
  }

  private Staging stagingWith(int users) {
    Staging staging = Staging.create(StateDatabase.open(tmp.resolve("state.db")), "acme", java.util.UUID.randomUUID()
        .toString());
    List<User> page = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      page.add(User.empty(String.format("u%06d", users - i)));
    }
    staging.insertUsers(Staging.encodeUsers(page));
    staging.fetched();
    return staging;
  }

  @Test
  void readsEveryRowInOrderAcrossBlocks() {
    int n = SortedKeys.BLOCK * 3 + 5;
    try (Staging staging = stagingWith(n);
        SortedKeys keys = new SortedKeys("test", staging::fetchedUsersSorted, 3)) {
      List<String> ids = new ArrayList<>();
      while (keys.next()) {
        ids.add(keys.id());
        assertThat(keys.ref()).isPositive();
      }
      assertThat(ids).hasSize(n).isSorted().startsWith("u000001").endsWith(String.format("u%06d", n));
      assertThat(keys.next()).as("stays at the end").isFalse();
    }
  }

  @Test
  void theReadersFailureReachesThePlanningThread() {
    try (SortedKeys keys = new SortedKeys("test", () -> {
      throw new IllegalStateException("state database read failed: disk I/O error");
    }, 0)) {
      assertThatThrownBy(keys::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk I/O error");
    }
  }

  @Test
  void closingEarlyStopsTheReaderBeforeItsStatementIsLeftOpen() {
    // more rows than the reader may queue: it is blocked handing over a block when closed
    try (Staging staging = stagingWith(SortedKeys.BLOCK * (SortedKeys.BLOCKS + 3))) {
      try (SortedKeys keys = new SortedKeys("test", staging::fetchedUsersSorted, 3)) {
        assertThat(keys.next()).isTrue();
      }
      assertThat(readerAlive()).as("close() waited for the reader").isFalse();
    }
  }
}
