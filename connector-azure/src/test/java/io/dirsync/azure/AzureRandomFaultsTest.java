package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryAfter;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.FullListing;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphFaults;
import io.dirsync.emulator.graph.GraphFaults.Planned;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded random fault schedule per run (throttling with every Retry-After form, 5xx, truncated
 * bodies, dropped connections, runs of faults longer than the attempts), placed on Graph requests
 * by position, through the retry layer and the real engine on real SQLite: every run either commits exactly the actions of a clean first sync, or
 * fails and commits nothing. Never a partial or wrong result. Each seed runs with one member
 * listing at a time, where a failing seed reproduces alone, and with four at once, where the
 * requests a position lands on depend on the order in which concurrent requests arrive.
 */
class AzureRandomFaultsTest {

  private static final int USERS = 17;
  private static final int GROUPS = 3;

  private static EmulatedAzure azure;
  private static GraphEmulator emu;
  private static Set<String> expectedCreates;

  @TempDir
  Path tmp;

  @BeforeAll
  static void start() throws Exception {
    azure = EmulatedAzure.start(GraphEmulator.builder().users(USERS).groups(GROUPS).listPageCap(4).seed(7));
    emu = azure.emulator;
    Collected expected = new Collected();
    ((FullListing) azure.connector()).listAll(expected);
    expectedCreates = expectedCreates(expected);
  }

  @AfterAll
  static void stop() throws Exception {
    azure.close();
  }

  static Stream<Arguments> seeds() {
    return LongStream.rangeClosed(1, 30).boxed()
        .flatMap(seed -> Stream.of(Arguments.of(seed, 1), Arguments.of(seed, MAX_CONCURRENCY)));
  }

  private static final int MAX_CONCURRENCY = 4;

  @ParameterizedTest(name = "seed {0}, maxConcurrency {1}")
  @MethodSource("seeds")
  void everyRunCommitsEverythingOrNothing(long seed, int maxConcurrency) throws Exception {
    emu.faults().clear();
    emu.journal().clear();
    Random random = new Random(seed);
    Map<Integer, Planned> plan = plan(random);
    emu.faults().plan(plan);
    RecordingSleeper sleeper = new RecordingSleeper();
    DirectoryResilience resilience = new DirectoryResilience("contoso",
        new RetryConfig(5, null, null, null, null, null, 8, null), RateLimitConfig.UNLIMITED, emu.clock(), sleeper,
        random::nextDouble);

    StateStore store = new StateStore(StateDatabase.open(tmp.resolve("state.db")));
    SyncEngine engine = new SyncEngine(store, emu.clock());
    RunReport report;
    try (Connector c = azure.create(azure.config().withMaxConcurrency(maxConcurrency),
        azure.context(NestedGroups.DIRECT, emu.clock(), resilience))) {
      report = engine.run("contoso", c, SafetyPolicy.DEFAULT, new RunOptions(true, false, false), resilience);
    }
    List<OutboxEntry> committed = store.after(0, 100_000);
    String why = "seed " + seed + " maxConcurrency " + maxConcurrency + " plan " + new TreeMap<>(plan) + " -> "
        + report.record().outcome() + " " + report.record().message();

    if (report.succeeded()) {
      assertThat(committed.stream().map(e -> e.type() + " " + e.objectId() + memberOf(e)).collect(Collectors.toSet()))
          .as(why).isEqualTo(expectedCreates).hasSize(committed.size());
      assertThat(store.stats("contoso").users()).as(why).isEqualTo(USERS);
      assertThat(store.cursor("contoso")).as(why).isPresent();
    } else {
      assertThat(report.failed()).as(why).isTrue();
      assertThat(report.record().message()).as(why).matches("(transient|rate_limited): .*gave up after 5 attempts.*");
      assertThat(committed).as(why + ": nothing committed").isEmpty();
      assertThat(store.stats("contoso").users()).as(why).isZero();
      assertThat(store.cursor("contoso")).as(why).isEmpty();
    }
    OUTCOMES.merge(report.record().outcome(), 1, Integer::sum);
    assertThat(report.record().retries()).as(why).isEqualTo(sleeper.waits().size());
    assertThat(report.record().waitedMs()).as(why)
        .isEqualTo(sleeper.waits().stream().mapToLong(d -> d.toNanos()).sum() / 1_000_000);
    int answered429 = (int) emu.journal().graphRequests().stream().filter(r -> r.status() == 429).count();
    if (report.succeeded()) {
      assertThat(report.record().throttled()).as(why).isEqualTo(answered429);
    } else {
      // when a run fails, the other member listing workers are stopped: each may abandon the one
      // response it was reading, so a 429 the emulator sent may never have reached the connector
      assertThat(report.record().throttled()).as(why).isBetween(answered429 - (maxConcurrency - 1), answered429);
    }
  }

  private static final Map<String, Integer> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

  @AfterAll
  static void bothOutcomesHappened() {
    assertThat(OUTCOMES).as("the schedules make runs that succeed and runs that fail").containsKeys("succeeded", "failed");
  }

  /** About one Graph request in five gets a fault; sometimes a run of faults longer than the attempts. */
  private static Map<Integer, Planned> plan(Random random) {
    Map<Integer, Planned> plan = new HashMap<>();
    for (int position = 0; position < 40; position++) {
      if (random.nextInt(5) == 0) {
        plan.put(position, fault(random));
      }
    }
    if (random.nextInt(4) == 0) {
      int from = random.nextInt(20);
      for (int i = 0; i < 5; i++) {
        plan.put(from + i, fault(random));
      }
    }
    return plan;
  }

  private static Planned fault(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> Planned.throttled("1");
      case 1 -> Planned.throttled("2.128");
      case 2 -> Planned.throttled(RetryAfter.httpDate(emu.clock().instant().plusSeconds(3)));
      case 3 -> Planned.throttled(null);
      case 4 -> Planned.failed(List.of(500, 503, 504).get(random.nextInt(3)));
      case 5 -> Planned.damaged(GraphFaults.BodyFault.TRUNCATED_JSON);
      default -> Planned.damaged(GraphFaults.BodyFault.CONNECTION_DROPPED);
    };
  }

  private static Set<String> expectedCreates(Collected expected) {
    Set<String> out = new java.util.HashSet<>();
    expected.users.values().forEach(u -> out.add("user.create " + u.id()));
    expected.groups.values().forEach(g -> out.add("group.create " + g.id()));
    expected.memberships.forEach(m -> out.add("membership.add " + m.groupId() + "/" + m.memberId()));
    return out;
  }

  private static String memberOf(OutboxEntry e) {
    if (!e.type().startsWith("membership")) {
      return "";
    }
    try {
      return "/" + io.dirsync.core.json.Json.MAPPER.readTree(e.body()).path("memberId").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }
}
