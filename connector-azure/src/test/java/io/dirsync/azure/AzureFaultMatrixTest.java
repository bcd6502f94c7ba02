package io.dirsync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.dirsync.core.contract.Collected;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RecordingSleeper;
import io.dirsync.core.http.RetryAfter;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.spi.ConnectionCheck;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorException;
import io.dirsync.core.spi.ConnectorException.Kind;
import io.dirsync.core.spi.FullListing;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 5's fault matrix for Microsoft Graph: the real SDK and azure-identity against the emulator,
 * through the directory's retry layer with a sleeper that records each wait. For each fault: the
 * outcome, the requests the emulator journaled (a retry repeats that one request, with the same
 * link) and the exact waits between them.
 */
class AzureFaultMatrixTest {

  private EmulatedAzure azure;
  private GraphEmulator emu;
  private Collected expected;
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void start() throws Exception {
    azure = EmulatedAzure.start(GraphEmulator.builder().users(12).groups(2).listPageCap(5));
    emu = azure.emulator;
    expected = new Collected();
    ((FullListing) azure.connector()).listAll(expected);
    emu.journal().clear();
  }

  @AfterEach
  void stop() throws Exception {
    azure.close();
  }

  private DirectoryResilience resilience(RetryConfig retry) {
    return new DirectoryResilience("contoso", retry, RateLimitConfig.UNLIMITED, emu.clock(), sleeper, () -> 0.5);
  }

  private Connector connector(RetryConfig retry) {
    DirectoryResilience r = resilience(retry);
    r.beginRun();
    return azure.create(azure.config(), azure.context(NestedGroups.DIRECT, emu.clock(), r));
  }

  /** Lists everything through a connector with {@code retry}; returns the failure, or null after checking the content. */
  private ConnectorException listWith(RetryConfig retry) {
    try (Connector c = connector(retry)) {
      Collected got = new Collected();
      Throwable t = catchThrowable(() -> ((FullListing) c).listAll(got));
      if (t == null) {
        assertThat(got.users.keySet()).isEqualTo(expected.users.keySet());
        assertThat(got.groups.keySet()).isEqualTo(expected.groups.keySet());
        assertThat(Set.copyOf(got.memberships)).isEqualTo(Set.copyOf(expected.memberships));
        return null;
      }
      assertThat(t).isInstanceOf(ConnectorException.class);
      return (ConnectorException) t;
    }
  }

  private static String key(GraphRequest r) {
    return r.path() + "?" + r.rawQuery();
  }

  /** The statuses of the first Graph request, in the order it was repeated. */
  private List<Integer> statusesOfFirstRequest() {
    List<GraphRequest> graph = emu.journal().graphRequests();
    String first = key(graph.get(0));
    return graph.stream().filter(r -> key(r).equals(first)).map(GraphRequest::status).toList();
  }

  /** Every Graph request other than the first one was made exactly once: a retry repeats a page, never the listing. */
  private void everyOtherRequestOnce() {
    List<GraphRequest> graph = emu.journal().graphRequests();
    String first = key(graph.get(0));
    Map<String, Long> others = graph.stream().map(AzureFaultMatrixTest::key).filter(k -> !k.equals(first))
        .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    assertThat(others).isNotEmpty().allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
  }

  @ParameterizedTest(name = "Retry-After: {0}")
  @CsvSource({"10,10000", "2.128,2128", "0.5,500"})
  void a429StormIsWaitedOutAsGraphAsks(String header, long millis) {
    emu.faults().throttleNext(3, header);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(statusesOfFirstRequest()).containsExactly(429, 429, 429, 200);
    everyOtherRequestOnce();
    assertThat(sleeper.waitsMillis()).containsExactly(millis, millis, millis);
  }

  @Test
  void a429WithAnHttpDateWaitsUntilThatDate() {
    java.time.Instant at = emu.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(31);
    long millis = Duration.between(emu.clock().instant(), at).toMillis();
    emu.faults().throttleNext(2, RetryAfter.httpDate(at));
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(statusesOfFirstRequest()).containsExactly(429, 429, 200);
    assertThat(sleeper.waitsMillis()).containsExactly(millis, millis);
  }

  @Test
  void a429WithoutRetryAfterBacksOffExponentially() {
    emu.faults().throttleNext(3, null);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L, 4000L);
  }

  @Test
  void anEndless429StormGivesUpAfterMaxAttempts() {
    emu.faults().throttleNext(100, "1");
    ConnectorException e = listWith(RetryConfig.DEFAULTS);
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage()).contains("gave up after 6 attempts");
    assertThat(emu.journal().graphRequests()).hasSize(6).allSatisfy(r -> assertThat(r.status()).isEqualTo(429));
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 1000L, 1000L, 1000L, 1000L);
  }

  @Test
  void aRetryAfterBeyondMaxWaitFailsAtOnce() {
    emu.faults().throttleNext(1, "300");
    ConnectorException e = listWith(RetryConfig.DEFAULTS);
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage()).contains("longer than retry.maxWait");
    assertThat(emu.journal().graphRequests()).hasSize(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @CsvSource({"503", "504", "500"})
  void serverErrorsWithoutRetryAfterAreRetriedWithBackoff(int status) {
    emu.faults().failNext(2, status);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(statusesOfFirstRequest()).containsExactly(status, status, 200);
    everyOtherRequestOnce();
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
  }

  @ParameterizedTest(name = "HTTP {0} -> {1}")
  @CsvSource({"400, MISCONFIGURED", "403, AUTH_FAILED", "404, MISCONFIGURED"})
  void clientErrorsAreNeverRetried(int status, Kind kind) {
    emu.faults().failNext(1, status);
    ConnectorException e = listWith(RetryConfig.DEFAULTS);
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(emu.journal().graphRequests()).hasSize(1);
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aRefusedTokenIsNeverRetried() throws Exception {
    try (Connector c = connector(RetryConfig.DEFAULTS)) {
      ((ConnectionCheck) c).checkConnection();
      emu.revokeAccessTokens();
      emu.journal().clear();
      Throwable t = catchThrowable(() -> ((FullListing) c).listAll(new Collected()));
      assertThat(((ConnectorException) t).kind()).isEqualTo(Kind.AUTH_FAILED);
    }
    assertThat(emu.journal().all()).extracting(r -> r.isToken() ? "token " + r.status() : "graph " + r.status())
        .containsExactly("graph 401");
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void aConnectionDroppedMidBodyRepeatsThatPage() {
    emu.faults().dropConnectionNext(1);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(statusesOfFirstRequest()).as("the emulator answered both; the first body never arrived whole")
        .containsExactly(200, 200);
    everyOtherRequestOnce();
    assertThat(sleeper.waitsMillis()).containsExactly(1000L);
  }

  @Test
  void aTruncatedJsonBodyRepeatsThatPage() {
    emu.faults().truncateNext(2);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    assertThat(statusesOfFirstRequest()).containsExactly(200, 200, 200);
    everyOtherRequestOnce();
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
  }

  @Test
  void aResponseSlowerThanTheAttemptTimeoutIsRetried() {
    RetryConfig shortTimeout = new RetryConfig(null, null, null, null, null, null, null, Duration.ofMillis(300));
    emu.faults().slowNext(1, Duration.ofMillis(1500));
    assertThat(listWith(shortTimeout)).isNull();
    assertThat(sleeper.waitsMillis()).containsExactly(1000L);
    // The slow request is journaled when the emulator finally answers it, after the retry.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusesOfFirstRequest()).hasSize(2));
    everyOtherRequestOnce();
  }

  @Test
  void aTokenEndpointFailingTwiceWith503IsRetriedThenTheListingGoesOn() {
    emu.faults().failTokenRequests(2, 503);
    assertThat(listWith(RetryConfig.DEFAULTS)).isNull();
    List<GraphRequest> tokens = emu.journal().matching(GraphRequest::isToken);
    assertThat(tokens).extracting(GraphRequest::status).containsExactly(503, 503, 200);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L);
    List<GraphRequest> all = emu.journal().all();
    assertThat(all.indexOf(tokens.get(2))).as("no Graph request before the token").isLessThan(
        all.indexOf(emu.journal().graphRequests().get(0)));
    assertThat(emu.journal().graphRequests()).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test
  void aDirectoryThatKeepsFailingTripsTheBreakerAndTheRunStops() {
    RetryConfig breaker = new RetryConfig(20, null, null, null, null, null, 4, null);
    emu.faults().failPage("users", 1, 503);
    ConnectorException e = listWith(breaker);
    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    assertThat(e.getMessage()).contains("failed 4 times in a row", "the next run tries again");
    assertThat(emu.journal().graphRequests().stream().filter(r -> r.status() == 503)).hasSize(4);
    assertThat(sleeper.waitsMillis()).containsExactly(1000L, 2000L, 4000L);
  }

  @Test
  void theRunsBudgetStopsRetriesThatWouldWaitTooLong() {
    RetryConfig budget = new RetryConfig(null, null, null, null, null, Duration.ofSeconds(25), null, null);
    emu.faults().throttleNext(5, "10");
    ConnectorException e = listWith(budget);
    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.getMessage()).contains("retry.budget 25s is used up");
    assertThat(sleeper.waitsMillis()).containsExactly(10_000L, 10_000L);
    assertThat(emu.journal().graphRequests()).hasSize(3);
  }


}
