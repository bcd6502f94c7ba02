package io.dirsync.google;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.emulator.google.Breakage;
import io.dirsync.emulator.google.Fault;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.GoogleError;
import io.dirsync.emulator.google.Resource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random fault schedules against the Google emulator (quota 403s and 429s, 5xx with and
 * without Retry-After, truncated bodies, dropped connections, pages that fail more often than the
 * attempts allow), through the retry layer and the real engine on real SQLite, with member listings
 * running concurrently: every run either commits exactly the actions of a clean first sync (made
 * once, without faults), or fails and commits nothing.
 */
class GoogleRandomFaultsTest {

  private static final List<Fault> FAULTS = List.of(
      Fault.of(GoogleError.USER_RATE_LIMIT_EXCEEDED), Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_403),
      Fault.of(GoogleError.QUOTA_EXCEEDED), Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_403_STATUS_ONLY),
      Fault.of(GoogleError.RATE_LIMIT_EXCEEDED_429).withRetryAfter(Duration.ofSeconds(2)),
      Fault.of(GoogleError.BACKEND_ERROR_500), Fault.of(GoogleError.BACKEND_ERROR_503));
  private static final Map<String, Integer> OUTCOMES = new ConcurrentHashMap<>();

  @TempDir
  static Path keys;
  @TempDir
  Path tmp;
  private static EmulatedGoogle google;
  private static GoogleEmulator emu;
  private static Set<String> expected;

  @BeforeAll
  static void start() throws Exception {
    emu = GoogleEmulator.builder().users(40).groups(6).seed(5).start();
    emu.faults().pageSizeCap(10);
    google = new EmulatedGoogle(emu, keys);
    StateStore clean = new StateStore(StateDatabase.open(keys.resolve("clean.db")));
    try (GoogleConnector c = google.connector()) {
      RunReport first = new SyncEngine(clean, Clock.systemUTC()).run("acme", c, SafetyPolicy.DEFAULT,
          new RunOptions(true, false, false));
      assertThat(first.succeeded()).isTrue();
    }
    expected = clean.after(0, 100_000).stream().map(GoogleRandomFaultsTest::describe).collect(Collectors.toSet());
    assertThat(expected).isNotEmpty();
  }

  @AfterAll
  static void stop() {
    google.close();
    assertThat(OUTCOMES).as("the schedules make runs that succeed and runs that fail").containsKeys("succeeded", "failed");
  }

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 25);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyRunCommitsEverythingOrNothing(long seed) throws Exception {
    emu.faults().clear();
    emu.faults().pageSizeCap(10);
    emu.journal().clear();
    Random random = new Random(seed);
    StringBuilder schedule = new StringBuilder();
    for (Resource resource : List.of(Resource.USERS, Resource.GROUPS, Resource.MEMBERS)) {
      int page = random.nextInt(resource == Resource.USERS ? 4 : 1);
      int times = random.nextInt(6);
      Fault fault = FAULTS.get(random.nextInt(FAULTS.size()));
      if (times > 0) {
        emu.faults().failPage(resource, page, fault, times);
        schedule.append(resource).append('#').append(page).append(' ').append(fault.error()).append('x').append(times)
            .append("; ");
      }
    }
    int broken = random.nextInt(3);
    if (broken > 0) {
      Breakage b = random.nextBoolean() ? Breakage.TRUNCATED_BODY : Breakage.DROP_CONNECTION;
      emu.faults().breakNext(Resource.USERS, broken, b);
      schedule.append(b).append('x').append(broken);
    }
    RecordingSleeper sleeper = new RecordingSleeper();
    DirectoryResilience resilience = new DirectoryResilience("acme", new RetryConfig(4, null, null, null, null, null,
        null, null), RateLimitConfig.UNLIMITED, Clock.systemUTC(), sleeper, random::nextDouble);
    StateStore store = new StateStore(StateDatabase.open(tmp.resolve("state.db")));
    SyncEngine engine = new SyncEngine(store, Clock.systemUTC());
    RunReport report;
    try (GoogleConnector c = google.connector(google.config(b -> b.set(x -> x.maxConcurrency = 4)),
        NestedGroups.DIRECT, resilience)) {
      report = engine.run("acme", c, SafetyPolicy.DEFAULT, new RunOptions(true, false, false), resilience);
    }
    List<OutboxEntry> committed = store.after(0, 100_000);
    String why = "seed " + seed + " [" + schedule + "] -> " + report.record().outcome() + " "
        + report.record().message();
    OUTCOMES.merge(report.record().outcome(), 1, Integer::sum);
    if (report.succeeded()) {
      List<String> got = committed.stream().map(GoogleRandomFaultsTest::describe).toList();
      assertThat(expected.stream().filter(a -> !got.contains(a)).toList()).as(why + ": missing").isEmpty();
      assertThat(got.stream().filter(a -> !expected.contains(a)).toList()).as(why + ": unexpected").isEmpty();
      assertThat(got).as(why + ": each once").doesNotHaveDuplicates();
    } else {
      assertThat(report.failed()).as(why).isTrue();
      assertThat(committed).as(why + ": nothing committed").isEmpty();
      assertThat(store.stats("acme").users()).as(why).isZero();
    }
    assertThat(report.record().retries()).as(why).isEqualTo(sleeper.waits().size());
  }

  private static String describe(OutboxEntry e) {
    if (!e.type().startsWith("membership")) {
      return e.type() + " " + e.objectId();
    }
    try {
      return e.type() + " " + e.objectId() + "/"
          + io.dirsync.core.json.Json.MAPPER.readTree(e.body()).path("memberId").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }
}
