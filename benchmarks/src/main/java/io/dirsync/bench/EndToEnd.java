package io.dirsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.azure.AzureConfig;
import io.dirsync.azure.AzureConnectorFactory;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.Secret;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.google.RecordedRequest;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphRequest;
import io.dirsync.google.GoogleConfig;
import io.dirsync.google.GoogleConnectorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Issue 8: dirsync end to end against an emulator, side by side with a bare fetch of the same pages.
 *
 * <p>(a) dirsync: the real connector (through its real factory, SDK, auth and TLS) through the real
 * {@link SyncEngine} on a real SQLite state database in a fresh temp folder, a full run that commits.
 * (b) bare: the first page of every listing dirsync made (taken from the emulator's journal of the
 * warm-up run, so both read exactly the same listings), then {@code @odata.nextLink} /
 * {@code nextPageToken} followed to the end, each page parsed with Jackson into a tree and dropped. The
 * bare loop reuses dirsync's access token (one token request, not timed in either), and runs its
 * listings on as many threads as the connector may use ({@code bareThreads}).
 *
 * <p>Order: a warm-up of each, then {@code reps} times dirsync then bare; best and all times printed.
 * Then the no-change / small-change runs: Graph delta with 0 and 10 changes, Google scheduled run with
 * no change. Requests counted from the emulator's journal.
 *
 * <p>{@code java -Xmx512m --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
 * -cp benchmarks/target/benchmarks.jar io.dirsync.bench.EndToEnd graph|google [users] [groups] [reps]
 * [latencyMs]}
 *
 * <p>Pacing: the connector gets the daemon's default retry policy and <em>no</em> client-side pacing
 * (RateLimitConfig.UNLIMITED; for Google quotaPerMinute 1,000,000) so (a) and (b) compare the code, not
 * the pacing. {@code -Dbench.pacing=default} uses what the daemon paces the connector type by when the
 * config says nothing (Graph: 7,200 resource units per 10 s; Google: the connector's quotaPerMinute only).
 */
public final class EndToEnd {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIR = "bench";
  private static final RunOptions FULL = new RunOptions(true, false, false);
  private static final SafetyPolicy SAFETY = new SafetyPolicy(Integer.MAX_VALUE, 100);

  private EndToEnd() {
  }

  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0] : "graph";
    int users = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 20_000;
    int groups = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 2_000;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    int latencyMs = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Path tmp = Files.createTempDirectory("dirsync-e2e");
    try {
      Side side = which.equals("google") ? new GoogleSide(users, groups, tmp) : new GraphSide(users, groups, tmp);
      try (side) {
        if (latencyMs > 0) {
          side.latency(Duration.ofMillis(latencyMs));
        }
        side.limits();
        if (Boolean.getBoolean("bench.dirsyncOnly")) {
          // one full run only (item 2 of the issue at sizes where the quota binds; the bare loop would
          // be throttled): time against the lower bound the limits allow
          side.clearJournal();
          Timed t = dirsyncFull(side, tmp.resolve("only"));
          int n = side.requests();
          Integer quota = Integer.getInteger("bench.quotaPerMinute");
          int conc = side.bareThreads();
          double latencyBound = latencyMs / 1000.0 * n / conc;
          double quotaBound = quota == null ? 0 : n / (quota / 60.0);
          double bound = Math.max(latencyBound, quotaBound);
          log("RESULT %s limits: dirsync %d ms, %d requests, counts %s, retries %d, throttled %d, waited %d ms;"
              + " bound max(latency %.1f s at %d in flight, quota %.1f s) = %.1f s; ratio %.2f (goal <= 1.15), load %s",
              side.name(), t.ms, n, t.report.record().counts(), t.report.record().retries(),
              t.report.record().throttled(), t.report.record().waitedMs(), latencyBound, conc, quotaBound, bound,
              t.ms / 1000.0 / bound, load());
          return;
        }
        compare(side, tmp, reps);
        side.smallChanges(tmp);
      }
    } finally {
      FullDiffScenario.deleteTree(tmp);
    }
  }

  static void compare(Side side, Path tmp, int reps) throws Exception {
    // warm-up: also records the first page of every listing dirsync made, for the bare loop
    side.clearJournal();
    Timed warm = dirsyncFull(side, tmp.resolve("warm"));
    List<String> firstPages = side.firstPages();
    String auth = side.authorization();
    log("warm-up dirsync: %d ms, %d requests, %s", warm.ms, side.requests(), warm.report.record().counts());
    log("listings: %d (first pages), e.g. %s", firstPages.size(), firstPages.subList(0, Math.min(3, firstPages.size())));
    OkHttpClient http = side.http();
    Bare warmBare = bare(http, firstPages, auth, side.bareThreads(), side);
    log("warm-up bare: %d ms, %d pages, %d objects", warmBare.ms, warmBare.pages, warmBare.objects);
    List<Long> d = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    for (int i = 1; i <= reps; i++) {
      side.clearJournal();
      Timed t = dirsyncFull(side, tmp.resolve("run" + i));
      int req = side.requests();
      Bare x = bare(http, firstPages, auth, side.bareThreads(), side);
      d.add(t.ms);
      b.add(x.ms);
      log("rep %d: dirsync %d ms (%d requests, CPU of the run's thread %d ms) | bare %d ms (%d pages, %d objects,"
          + " %d threads) | ratio %.2f | load %s", i, t.ms, req, t.cpuMs, x.ms, x.pages, x.objects, side.bareThreads(),
          (double) t.ms / x.ms, load());
    }
    long bd = d.stream().mapToLong(Long::longValue).min().orElseThrow();
    long bb = b.stream().mapToLong(Long::longValue).min().orElseThrow();
    log("RESULT %s full: dirsync best %d ms %s, bare best %d ms %s, ratio of bests %.2f (goal <= 1.3)", side.name(), bd,
        d, bb, b, (double) bd / bb);
  }

  record Timed(long ms, long cpuMs, RunReport report) {
  }

  record Bare(long ms, long pages, long objects) {
  }

  /** A full run into a new state database under {@code dir}; throws unless it succeeded. */
  static Timed dirsyncFull(Side side, Path dir) throws IOException {
    Files.createDirectories(dir);
    StateDatabase db = StateDatabase.open(dir.resolve("state.db"));
    side.engine = new SyncEngine(new StateStore(db), Clock.systemUTC());
    return run(side, FULL);
  }

  static Timed run(Side side, RunOptions options) {
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    // -Dbench.pacing=default: the daemon's default pacing for the connector type (Graph: 7,200 resource
    // units per 10 s; Google: none besides the connector's own quotaPerMinute) instead of none
    RateLimitConfig pacing = "default".equals(System.getProperty("bench.pacing")) ? side.defaultPacing()
        : RateLimitConfig.UNLIMITED;
    DirectoryResilience res = DirectoryResilience.of(DIR, RetryConfig.DEFAULTS, pacing, Clock.systemUTC());
    RunReport r;
    try (Connector c = side.connector(res)) {
      r = side.engine.run(DIR, c, SAFETY, options, res);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (!r.succeeded()) {
      throw new IllegalStateException("run did not succeed: " + r.record());
    }
    return new Timed(ms, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000, r);
  }

  /** Every listing from its first page to its end, on {@code threads} threads; each page parsed and dropped. */
  static Bare bare(OkHttpClient http, List<String> firstPages, String auth, int threads, Side side) throws Exception {
    AtomicLong pages = new AtomicLong();
    AtomicLong objects = new AtomicLong();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (String first : firstPages) {
        fs.add(pool.submit(() -> {
          String url = first;
          while (url != null) {
            Request req = new Request.Builder().url(url).header("Authorization", auth).build();
            JsonNode tree;
            try (Response resp = http.newCall(req).execute()) {
              if (resp.code() != 200) {
                throw new IllegalStateException(resp.code() + " for " + url);
              }
              try (InputStream in = resp.body().byteStream()) {
                tree = JSON.readTree(in);
              }
            }
            pages.incrementAndGet();
            JsonNode items = side.items(tree);
            objects.addAndGet(items == null ? 0 : items.size());
            url = side.next(url, tree);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new Bare((System.nanoTime() - start) / 1_000_000, pages.get(), objects.get());
  }

  static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  static void log(String fmt, Object... args) {
    System.out.printf(Locale.ROOT, "[%tT] " + fmt + "%n", prepend(new java.util.Date(), args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** One emulator and its connector. */
  abstract static class Side implements AutoCloseable {
    SyncEngine engine;

    abstract String name();

    /** What the daemon paces this connector type by when the config says nothing. */
    abstract RateLimitConfig defaultPacing();

    abstract Connector connector(DirectoryResilience res);

    abstract void clearJournal();

    abstract int requests();

    abstract List<String> firstPages();

    abstract String authorization();

    abstract OkHttpClient http();

    abstract int bareThreads();

    abstract JsonNode items(JsonNode page);

    abstract String next(String url, JsonNode page);

    abstract void latency(Duration d);

    /** The emulated quota, if {@code -Dbench.quotaPerMinute} is set (Google only). */
    void limits() {
    }

    abstract void smallChanges(Path tmp) throws Exception;

    @Override
    public abstract void close();
  }

  static final class GraphSide extends Side {
    final GraphEmulator emu;
    final Path ca;

    GraphSide(int users, int groups, Path tmp) {
      long t = System.nanoTime();
      emu = GraphEmulator.builder().users(users).groups(groups).start();
      ca = emu.writeCaCertificate(tmp.resolve("ca.pem"));
      log("graph emulator: %d users, %d groups seeded in %d ms", users, groups, (System.nanoTime() - t) / 1_000_000);
    }

    @Override
    String name() {
      return "graph";
    }

    @Override
    RateLimitConfig defaultPacing() {
      return io.dirsync.azure.AzureConnectorFactory.DEFAULT_RATE_LIMIT;
    }

    @Override
    Connector connector(DirectoryResilience res) {
      AzureConfig cfg = new AzureConfig(emu.tenantId(), emu.clientId(), new Secret(emu.clientSecret()), null, null,
          null, "global", new AzureConfig.Endpoints(emu.graphUrl(), emu.loginUrl()), null, null, Map.of());
      return new AzureConnectorFactory().create(cfg,
          new ConnectorContext(DIR, NestedGroups.DIRECT, Clock.systemUTC(), Optional.of(ca), res));
    }

    @Override
    void clearJournal() {
      emu.journal().clear();
    }

    @Override
    int requests() {
      return emu.journal().graphRequests().size();
    }

    @Override
    List<String> firstPages() {
      return emu.journal().graphRequests().stream()
          .filter(r -> r.method().equals("GET"))
          .filter(r -> r.rawQuery() == null || !(r.rawQuery().contains("skiptoken") || r.rawQuery().contains("deltatoken")))
          .map(r -> emu.origin() + r.path() + (r.rawQuery() == null || r.rawQuery().isEmpty() ? "" : "?" + r.rawQuery()))
          .distinct()
          .collect(Collectors.toList());
    }

    @Override
    String authorization() {
      // the journal keeps only the scheme: ask the token endpoint for one, as the SDK did
      okhttp3.FormBody form = new okhttp3.FormBody.Builder().add("grant_type", "client_credentials")
          .add("client_id", emu.clientId()).add("client_secret", emu.clientSecret()).add("scope", emu.scope()).build();
      Request req = new Request.Builder().url(emu.loginUrl() + "/" + emu.tenantId() + "/oauth2/v2.0/token").post(form)
          .build();
      try (Response resp = http().newCall(req).execute()) {
        return "Bearer " + JSON.readTree(resp.body().byteStream()).get("access_token").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    OkHttpClient http() {
      try {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("emulator", emu.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
        return new OkHttpClient.Builder().sslSocketFactory(ssl.getSocketFactory(), tm)
            .readTimeout(Duration.ofMinutes(2)).build();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    int bareThreads() {
      // as many in flight as the connector's member listings (maxConcurrency, default 4)
      return Integer.getInteger("bare.threads", io.dirsync.azure.AzureConfig.DEFAULT_MAX_CONCURRENCY);
    }

    @Override
    JsonNode items(JsonNode page) {
      return page.get("value");
    }

    @Override
    String next(String url, JsonNode page) {
      JsonNode n = page.get("@odata.nextLink");
      return n == null || n.isNull() ? null : n.asText();
    }

    @Override
    void latency(Duration d) {
      emu.faults().latency(d);
    }

    @Override
    void smallChanges(Path tmp) throws IOException {
      // a state database after a full run, then scheduled (delta) runs
      Files.createDirectories(tmp.resolve("delta"));
      engine = new SyncEngine(new StateStore(StateDatabase.open(tmp.resolve("delta").resolve("state.db"))),
          Clock.systemUTC());
      Timed full = run(this, FULL);
      log("delta base: full run %d ms %s", full.ms, full.report.record().counts());
      clearJournal();
      Timed again = run(this, FULL);
      log("RESULT graph full resync, no change (same state db): %d ms, %d requests, CPU of the run's thread %d ms,"
          + " counts %s, load %s", again.ms, requests(), again.cpuMs, again.report.record().counts(), load());
      for (int i = 0; i < 2; i++) {
        clearJournal();
        Timed t = run(this, RunOptions.SCHEDULED);
        log("RESULT graph delta, 0 changes: %d ms, %d Graph requests %s, counts %s, load %s", t.ms, requests(),
            resources(), t.report.record().counts(), load());
      }
      List<String> ids = emu.userIds();
      for (int i = 0; i < 10; i++) {
        emu.updateUser(ids.get(i * 97 % ids.size()), Map.of("jobTitle", "Bench title " + System.nanoTime()));
      }
      clearJournal();
      Timed t = run(this, RunOptions.SCHEDULED);
      log("RESULT graph delta, 10 changed users (jobTitle): %d ms, %d Graph requests %s, counts %s, load %s", t.ms,
          requests(), resources(), t.report.record().counts(), load());
    }

    private Map<String, Long> resources() {
      Map<String, Long> m = new LinkedHashMap<>();
      for (GraphRequest r : emu.journal().graphRequests()) {
        m.merge(r.resource().replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "{id}"), 1L, Long::sum);
      }
      return m;
    }

    @Override
    public void close() {
      emu.close();
    }
  }

  static final class GoogleSide extends Side {
    final GoogleEmulator emu;
    final Path key;

    GoogleSide(int users, int groups, Path tmp) throws IOException {
      long t = System.nanoTime();
      emu = GoogleEmulator.builder().users(users).groups(groups).start();
      key = emu.writeServiceAccountKey(tmp.resolve("sa.json"));
      log("google emulator: %d users, %d groups seeded in %d ms", users, groups, (System.nanoTime() - t) / 1_000_000);
    }

    @Override
    String name() {
      return "google";
    }

    @Override
    RateLimitConfig defaultPacing() {
      return new io.dirsync.google.GoogleConnectorFactory().defaultRateLimit();
    }

    @Override
    Connector connector(DirectoryResilience res) {
      GoogleConfig cfg = new GoogleConfig(null, null, key, emu.adminEmail(), new GoogleConfig.Endpoints(emu.rootUrl()),
          null, null, null, null, null, null, null, Integer.getInteger("google.quotaPerMinute", 1_000_000));
      return new GoogleConnectorFactory().create(cfg,
          new ConnectorContext(DIR, NestedGroups.DIRECT, Clock.systemUTC(), Optional.empty(), res));
    }

    @Override
    void clearJournal() {
      emu.journal().clear();
    }

    @Override
    int requests() {
      return emu.journal().requests().size();
    }

    @Override
    List<String> firstPages() {
      String root = emu.rootUrl().endsWith("/") ? emu.rootUrl().substring(0, emu.rootUrl().length() - 1) : emu.rootUrl();
      return emu.journal().requests().stream()
          .filter(r -> r.method().equals("GET") && r.param("pageToken") == null && r.pageIndex() >= 0)
          .map(r -> root + r.path() + query(r.query()))
          .distinct()
          .collect(Collectors.toList());
    }

    static String query(Map<String, String> q) {
      if (q.isEmpty()) {
        return "";
      }
      return "?" + q.entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
              + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
    }

    @Override
    String authorization() {
      return emu.journal().requests().stream().map(RecordedRequest::authorization)
          .filter(a -> a != null && !a.isEmpty()).findFirst().orElseThrow();
    }

    @Override
    OkHttpClient http() {
      return new OkHttpClient.Builder().readTimeout(Duration.ofMinutes(2)).build();
    }

    @Override
    int bareThreads() {
      // the connector lists members of up to maxConcurrency (default 8) groups at once
      return Integer.getInteger("bare.threads", io.dirsync.google.GoogleConfig.DEFAULT_MAX_CONCURRENCY);
    }

    @Override
    JsonNode items(JsonNode page) {
      for (String k : new String[] {"users", "groups", "members"}) {
        if (page.has(k)) {
          return page.get(k);
        }
      }
      return null;
    }

    @Override
    String next(String url, JsonNode page) {
      JsonNode n = page.get("nextPageToken");
      if (n == null || n.isNull() || n.asText().isEmpty()) {
        return null;
      }
      String base = url.replaceAll("([?&])pageToken=[^&]*&?", "$1").replaceAll("[?&]$", "");
      return base + (base.contains("?") ? "&" : "?") + "pageToken=" + URLEncoder.encode(n.asText(), StandardCharsets.UTF_8);
    }

    @Override
    void latency(Duration d) {
      emu.faults().latency(d);
    }

    @Override
    void limits() {
      Integer q = Integer.getInteger("bench.quotaPerMinute");
      if (q != null) {
        emu.faults().quotaPerMinute(q);
      }
    }

    @Override
    void smallChanges(Path tmp) throws IOException {
      Files.createDirectories(tmp.resolve("nochange"));
      StateDatabase db = StateDatabase.open(tmp.resolve("nochange").resolve("state.db"));
      engine = new SyncEngine(new StateStore(db), Clock.systemUTC());
      Timed full = run(this, FULL);
      log("no-change base: full run %d ms %s", full.ms, full.report.record().counts());
      for (int i = 0; i < 2; i++) {
        clearJournal();
        String before = snapshotState(db);
        Timed t = run(this, RunOptions.SCHEDULED);
        log("RESULT google no-change scheduled run: %d ms, %d requests, counts %s (empty = no actions), record %s,"
            + " load %s; snapshot version/rows before %s, after %s", t.ms, requests(), t.report.record().counts(),
            t.report.record(), load(), before, snapshotState(db));
      }
    }

    /** The snapshot's version and row counts, to show a no-change run leaves it as it was. */
    private static String snapshotState(StateDatabase db) {
      return db.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT version FROM directory_state WHERE directory = '"
          + DIR + "') || ' / ' || (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM groups)"
          + " || ' groups, ' || (SELECT count(*) FROM memberships) || ' memberships'").mapTo(String.class).one());
    }

    @Override
    public void close() {
      emu.close();
    }
  }
}
