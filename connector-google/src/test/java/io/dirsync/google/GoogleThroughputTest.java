package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.model.MemberType;
import io.dirsync.core.model.Membership;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.emulator.common.Gate;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bounded concurrency, one shared rate budget, and a domain of realistic size. */
class GoogleThroughputTest {

  @TempDir
  Path dir;

  /**
   * One clock for the emulator and the connector; a wait moves it to the waiter's deadline unless it
   * is already past it (several threads waiting at once wake at their own deadlines, as in real time).
   */
  static final class SimulatedTime extends Clock implements Sleeper {
    private Instant now;

    SimulatedTime(Instant start) {
      this.now = start;
    }

    @Override
    public synchronized long nanos() {
      return Duration.between(Instant.EPOCH, now).toNanos();
    }

    @Override
    public synchronized void sleepUntil(long deadline) {
      Instant at = Instant.EPOCH.plusNanos(deadline);
      if (at.isAfter(now)) {
        now = at;
      }
    }

    void advance(Duration d) {
      synchronized (this) {
        now = now.plus(d);
      }
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void memberListingsRunConcurrentlyButNeverMoreThanMaxConcurrencyAtOnce() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(40).groups(20).start(), dir)) {
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 3)),
          io.dirsync.core.spi.ConnectorContext.NestedGroups.DIRECT);
      Gate gate = google.emulator.faults().hold(Resource.MEMBERS);
      CompletableFuture<Listed> listing = CompletableFuture.supplyAsync(() -> {
        try {
          return Listed.of(connector);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() == 3);
      gate.release();
      Listed got = listing.get();
      assertThat(got.groups).hasSize(20);
      // the users are listed alongside on a thread of their own: the bound is on member listings
      assertThat(google.emulator.journal().peakConcurrency(Resource.MEMBERS)).isEqualTo(3);
      assertThat(google.emulator.journal().requests(Resource.MEMBERS)).hasSize(20);
    }
  }

  @Test
  void anInterruptStopsTheListingAndItsWorkers() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(10).groups(12).start(), dir)) {
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 4)),
          io.dirsync.core.spi.ConnectorContext.NestedGroups.DIRECT);
      Gate gate = google.emulator.faults().hold(Resource.MEMBERS);
      java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
      Thread listing = new Thread(() -> {
        try {
          Listed.of(connector);
          outcome.set(new AssertionError("the listing completed"));
        } catch (Throwable t) {
          outcome.set(t);
        }
      }, "listing");
      listing.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> gate.waiting() == 4);
      listing.interrupt();
      listing.join(30_000);
      assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
      gate.release();
      await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().startsWith("dirsync-google-members-")));
      assertThat(google.emulator.journal().requests(Resource.MEMBERS)).hasSizeLessThanOrEqualTo(4 + 4);
    }
  }

  @Test
  void aSinkThatFailsStopsTheListingAndItsWorkers() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(30).groups(30).start(), dir)) {
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 4)),
          io.dirsync.core.spi.ConnectorContext.NestedGroups.DIRECT);
      Listed failing = new Listed() {
        @Override
        public void memberships(java.util.List<Membership> page) {
          throw new IllegalStateException("disk full");
        }
      };
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.listAll(failing))
          .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
      await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().startsWith("dirsync-google-members-")));
    }
  }

  @Test
  void aFailedListingReturnsOnlyOnceEveryWorkerHasEnded() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(30).groups(8).start(), dir)) {
      // one worker's page fails retryably, and its retry wait lasts until it is interrupted; meanwhile
      // the sink fails on another worker's page, which fails the listing
      google.emulator.faults().failNext(Resource.MEMBERS, 1, io.dirsync.emulator.google.GoogleError.BACKEND_ERROR_500);
      java.util.concurrent.CountDownLatch retrying = new java.util.concurrent.CountDownLatch(1);
      java.util.concurrent.atomic.AtomicBoolean waitEnded = new java.util.concurrent.atomic.AtomicBoolean();
      io.dirsync.core.http.Sleeper untilInterrupted = d -> {
        retrying.countDown();
        try {
          new java.util.concurrent.CountDownLatch(1).await(5, java.util.concurrent.TimeUnit.MINUTES);
        } finally {
          waitEnded.set(true);
        }
      };
      io.dirsync.core.http.DirectoryResilience resilience = new io.dirsync.core.http.DirectoryResilience("acme",
          io.dirsync.core.http.RetryConfig.DEFAULTS, io.dirsync.core.http.RateLimitConfig.UNLIMITED, Clock.systemUTC(),
          untilInterrupted, () -> 0.5);
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 2)),
          io.dirsync.core.spi.ConnectorContext.NestedGroups.DIRECT, resilience);
      Listed failing = new Listed() {
        @Override
        public void memberships(java.util.List<Membership> page) {
          try {
            retrying.await(30, java.util.concurrent.TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          throw new IllegalStateException("disk full");
        }
      };
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.listAll(failing))
          .isInstanceOf(IllegalStateException.class).hasMessage("disk full");
      assertThat(retrying.getCount()).as("a worker was waiting to retry").isZero();
      assertThat(waitEnded).as("its wait ended before the listing returned").isTrue();
      connector.close();
    }
  }

  @Test
  void pacingKeepsAListingWithinTheServersPerMinuteQuota() throws Exception {
    SimulatedTime time = new SimulatedTime(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(30).groups(25).clock(time)
        .start(), dir)) {
      // a few requests of concurrent workers may arrive late, bunched behind a minute boundary:
      // pacing a little under the server's quota leaves room for them
      google.emulator.faults().quotaPerMinute(20);
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> {
        c.quotaPerMinute = 15;
        c.maxConcurrency = 4;
      })), time, time);
      Listed got = Listed.of(connector);
      assertThat(got.groups).hasSize(25);
      assertThat(google.emulator.journal().requests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
      assertThat(Duration.between(google.emulator.journal().requests().get(0).at(), time.instant()))
          .as("27 requests at 15 a minute").isGreaterThanOrEqualTo(Duration.ofSeconds(100));
    }
  }

  @Test
  void withoutPacingTheSameListingIsThrottled() throws Exception {
    SimulatedTime time = new SimulatedTime(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(30).groups(25).clock(time)
        .start(), dir)) {
      google.emulator.faults().quotaPerMinute(10);
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.quotaPerMinute = 6000)), time,
          time);
      ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> Listed.of(connector));
      assertThat(e.kind()).isEqualTo(ConnectorException.Kind.RATE_LIMITED);
    }
  }

  @Test
  void aListingPagedForMoreThanAnHourFailsTransientlyWithBackendError() throws Exception {
    SimulatedTime time = new SimulatedTime(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(70).groups(1).clock(time)
        .start(), dir)) {
      google.emulator.faults().pageSizeCap(1);
      GoogleConnector connector = google.connector(google.config(b -> b.set(c -> c.quotaPerMinute = 1)), time, time);
      ConnectorException e = catchThrowableOfType(ConnectorException.class, () -> Listed.of(connector));
      assertThat(e.kind()).isEqualTo(ConnectorException.Kind.TRANSIENT);
      assertThat(e.getMessage()).contains("503").contains("backendError");
    }
  }

  @Test
  void listsADomainOf5000UsersAnd500GroupsCompletely() throws Exception {
    try (EmulatedGoogle google = new EmulatedGoogle(GoogleEmulator.builder().users(5000).groups(500).seed(7).start(),
        dir)) {
      GoogleEmulator emu = google.emulator;
      Listed got = Listed.of(google.connector(google.config(b -> b.set(c -> c.maxConcurrency = 8)),
          io.dirsync.core.spi.ConnectorContext.NestedGroups.DIRECT));

      assertThat(got.result.complete()).isTrue();
      assertThat(got.users).hasSize(5001);
      assertThat(got.groups).hasSize(500);
      assertThat(got.memberships).doesNotHaveDuplicates();
      Set<String> memberUsers = got.memberships.stream().filter(m -> m.memberType() == MemberType.USER)
          .map(Membership::memberId).filter(got.users::containsKey).collect(Collectors.toSet());
      assertThat(memberUsers).as("every seeded user is in a group").hasSize(5000);
      assertThat(got.memberships.stream().filter(m -> m.memberType() == MemberType.GROUP))
          .allSatisfy(m -> assertThat(got.groups).containsKey(m.memberId()));
      assertThat(emu.journal().requests(Resource.USERS)).hasSize(11);
      assertThat(emu.journal().requests(Resource.GROUPS)).hasSize(3);
      assertThat(emu.journal().requests(Resource.MEMBERS)).hasSize(500);
      assertThat(emu.journal().requests(Resource.TOKEN)).hasSize(1);
    }
  }
}
