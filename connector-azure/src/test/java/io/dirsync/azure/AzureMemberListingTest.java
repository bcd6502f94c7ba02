package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.model.Membership;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.FullListingSink;
import io.dirsync.emulator.common.Gate;
import io.dirsync.emulator.graph.GraphEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Member listings of several groups at once ({@code maxConcurrency}), through the real SDK against
 * the Graph emulator, whose gates hold requests so the number in flight is seen without timing.
 */
class AzureMemberListingTest {

  private static final String WORKER = "dirsync-azure-members-";

  @TempDir
  Path tmp;

  private EmulatedAzure azure;

  @AfterEach
  void stop() throws Exception {
    if (azure != null) {
      azure.close();
    }
    await().atMost(Duration.ofSeconds(30)).until(AzureMemberListingTest::noWorkerAlive);
  }

  private GraphEmulator start(int users, int groups, int pageCap) {
    azure = EmulatedAzure.start(GraphEmulator.builder().users(users).groups(groups).listPageCap(pageCap));
    return azure.emulator;
  }

  private Connector connector(int maxConcurrency, NestedGroups nesting) {
    return azure.create(azure.config().withMaxConcurrency(maxConcurrency), azure.context(nesting, azure.emulator.clock()));
  }

  private static Collected listAll(Connector c) throws Exception {
    Collected got = new Collected();
    assertThat(((FullListing) c).listAll(got).complete()).isTrue();
    return got;
  }

  @Test
  void memberListingsRunConcurrentlyButNeverMoreThanMaxConcurrencyAtOnce() throws Exception {
    GraphEmulator emu = start(40, 20, 999);
    try (Connector c = connector(3, NestedGroups.DIRECT)) {
      Gate gate = emu.faults().hold("members");
      Collected got = new Collected();
      Listing listing = Listing.start(c, got);
      await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() == 3);
      gate.release();
      assertThat(listing.outcome()).isNull();
      assertThat(got.groups).hasSize(20);
      assertThat(emu.journal().peakConcurrency()).isEqualTo(3);
      assertThat(emu.journal().matching(r -> r.path().endsWith("/members"))).hasSize(20);
    }
  }

  @ParameterizedTest
  @EnumSource(NestedGroups.class)
  void theResultEqualsTheSequentialListing(NestedGroups nesting) throws Exception {
    start(90, 24, 7);
    Collected sequential;
    Collected concurrent;
    try (Connector one = connector(1, nesting); Connector eight = connector(8, nesting)) {
      sequential = listAll(one);
      concurrent = listAll(eight);
    }
    Comparator<Membership> order = Comparator.comparing(Membership::groupId).thenComparing(Membership::memberId);
    List<Membership> expected = sequential.memberships.stream().sorted(order).toList();
    assertThat(expected).hasSizeGreaterThan(90);
    assertThat(concurrent.memberships.stream().sorted(order).toList()).isEqualTo(expected);
    assertThat(concurrent.users).isEqualTo(sequential.users);
    assertThat(concurrent.groups).isEqualTo(sequential.groups);
  }

  @Test
  void aFailedMembersPageMidListingFailsTheRunAndCommitsNothing() throws Exception {
    GraphEmulator emu = start(40, 12, 10);
    // the second page of every member listing longer than 10 (All Staff, the larger departments) is refused
    emu.faults().failPage("members", 1, 403);
    RecordingSleeper sleeper = new RecordingSleeper();
    DirectoryResilience resilience = new DirectoryResilience("contoso", RetryConfig.DEFAULTS,
        RateLimitConfig.UNLIMITED, emu.clock(), sleeper);
    StateStore store = new StateStore(StateDatabase.open(tmp.resolve("state.db")));
    RunReport report;
    try (Connector c = azure.create(azure.config().withMaxConcurrency(4),
        azure.context(NestedGroups.DIRECT, emu.clock(), resilience))) {
      report = new SyncEngine(store, emu.clock()).run("contoso", c, SafetyPolicy.DEFAULT,
          new RunOptions(true, false, false), resilience);
    }
    assertThat(report.failed()).isTrue();
    assertThat(report.record().message()).contains("403");
    assertThat(emu.journal().matching(r -> r.path().endsWith("/members") && r.status() == 200)).isNotEmpty();
    assertThat(store.after(0, 100_000)).isEmpty();
    assertThat(store.stats("contoso").users()).isZero();
    assertThat(store.cursor("contoso")).isEmpty();
  }

  @Test
  void aFailureStopsEveryWorkerAndTheListingReturnsOnlyOnceTheyEnded() throws Exception {
    GraphEmulator emu = start(40, 20, 999);
    Gate first = emu.faults().hold("members");
    AtomicReference<Gate> second = new AtomicReference<>();
    CountDownLatch failing = new CountDownLatch(1);
    FullListingSink failingSink = membershipsDo(page -> {
      // every worker has asked for its next group, held by the second gate: now the listing fails
      await().atMost(Duration.ofSeconds(30)).until(() -> second.get() != null && second.get().waiting() == 4);
      failing.countDown();
      throw new IllegalStateException("disk full");
    });
    try (Connector c = connector(4, NestedGroups.DIRECT)) {
      Listing listing = Listing.start(c, failingSink);
      await().atMost(Duration.ofSeconds(30)).until(() -> first.waiting() == 4);
      second.set(emu.faults().hold("members"));
      assertThat(failing.await(30, TimeUnit.SECONDS)).isTrue();
      // the workers are interrupted, but each still waits for its request in flight
      await().atMost(Duration.ofSeconds(30)).until(() -> workers().stream().allMatch(Thread::isInterrupted));
      assertThat(listing.thread().isAlive()).as("the listing waits for its workers").isTrue();
      second.get().release();
      assertThat(listing.outcome()).isInstanceOf(IllegalStateException.class).hasMessage("disk full");
      assertThat(emu.journal().matching(r -> r.path().endsWith("/members")))
          .as("no worker started another request once stopped").hasSize(8);
    }
  }

  @Test
  void aFailureInterruptsAWorkerWaitingToRetryBeforeTheListingReturns() throws Exception {
    GraphEmulator emu = start(30, 8, 999);
    // one worker's page fails retryably, and its retry wait lasts until it is interrupted; meanwhile
    // the sink fails on another worker's page, which fails the listing
    CountDownLatch retrying = new CountDownLatch(1);
    AtomicBoolean waitEnded = new AtomicBoolean();
    io.dirsync.core.http.Sleeper untilInterrupted = d -> {
      retrying.countDown();
      try {
        new CountDownLatch(1).await(5, TimeUnit.MINUTES);
      } finally {
        waitEnded.set(true);
      }
    };
    DirectoryResilience resilience = new DirectoryResilience("contoso", RetryConfig.DEFAULTS,
        RateLimitConfig.UNLIMITED, emu.clock(), untilInterrupted, () -> 0.5);
    Gate gate = emu.faults().hold("members");
    FullListingSink failing = membershipsDo(page -> {
      try {
        retrying.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("disk full");
    });
    try (Connector c = azure.create(azure.config().withMaxConcurrency(2),
        azure.context(NestedGroups.DIRECT, emu.clock(), resilience))) {
      Thread release = new Thread(() -> {
        await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() == 2);
        // the first member request answered fails retryably: its worker waits to retry
        emu.faults().failNext(1, 503);
        gate.release();
      });
      release.start();
      assertThatThrownBy(() -> ((FullListing) c).listAll(failing))
          .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
      release.join();
    }
    assertThat(retrying.getCount()).as("a worker was waiting to retry").isZero();
    assertThat(waitEnded).as("its wait ended before the listing returned").isTrue();
  }

  @Test
  void anInterruptStopsTheListingAtOnceAndItsWorkersAfterTheirRequests() throws Exception {
    GraphEmulator emu = start(10, 12, 999);
    try (Connector c = connector(4, NestedGroups.DIRECT)) {
      Gate gate = emu.faults().hold("members");
      Listing listing = Listing.start(c, new Collected());
      await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() == 4);
      listing.thread().interrupt();
      assertThat(listing.outcome()).as("returned while its requests are still held")
          .isInstanceOf(InterruptedException.class);
      assertThat(gate.waiting()).isEqualTo(4);
      gate.release();
      await().atMost(Duration.ofSeconds(30)).until(AzureMemberListingTest::noWorkerAlive);
      assertThat(emu.journal().matching(r -> r.path().endsWith("/members"))).hasSize(4);
    }
  }

  /** A full listing on a thread of its own; {@link #outcome()} is what it threw, or null. */
  private record Listing(Thread thread, AtomicReference<Throwable> thrown) {
    static Listing start(Connector c, FullListingSink sink) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          ((FullListing) c).listAll(sink);
        } catch (Throwable e) {
          thrown.set(e);
        }
      }, "listing");
      t.start();
      return new Listing(t, thrown);
    }

    /** Waits for the listing to end (bounded, so a hang fails the test instead of the build). */
    Throwable outcome() throws InterruptedException {
      thread.join(60_000);
      assertThat(thread.isAlive()).as("the listing ended").isFalse();
      return thrown.get();
    }
  }

  /** A sink that ignores users and groups and does {@code action} with each page of memberships. */
  private static FullListingSink membershipsDo(java.util.function.Consumer<List<Membership>> action) {
    return new FullListingSink() {
      @Override
      public void users(List<io.dirsync.core.model.User> page) {
      }

      @Override
      public void groups(List<io.dirsync.core.model.Group> page) {
      }

      @Override
      public void memberships(List<Membership> page) {
        action.accept(page);
      }
    };
  }

  private static List<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(WORKER)).toList();
  }

  private static boolean noWorkerAlive() {
    return workers().stream().noneMatch(Thread::isAlive);
  }
}
