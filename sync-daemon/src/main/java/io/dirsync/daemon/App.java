package io.dirsync.daemon;

import io.dirsync.core.action.ActionSink;
import io.dirsync.core.action.Dispatcher;
import io.dirsync.core.action.JsonlSink;
import io.dirsync.core.action.WebhookSink;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.TrustMaterial;
import io.dirsync.core.snapshot.sqlite.DirectoryLeases;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.ConfigException;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorFactory;
import io.dirsync.daemon.config.ConfigError;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.daemon.config.SinkConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The composition root of one process: the state database, the engine, the dispatcher and the
 * sinks of one configuration. Commands and the scheduler get their collaborators from here.
 */
public final class App implements AutoCloseable {

  /** How often the audit trail is pruned at most: see {@link #pruned}. */
  static final Duration PRUNE_EVERY = Duration.ofHours(1);

  private final DirsyncConfig config;
  private final Clock clock;
  private final StateStore store;
  private final SyncEngine engine;
  private final Dispatcher dispatcher;
  private final List<ActionSink> sinks;
  private final java.util.Map<String, DirectoryResilience> resilience = new java.util.concurrent.ConcurrentHashMap<>();
  private final RunLeases leases;
  private Instant lastPrune; // guarded by this

  public App(DirsyncConfig config, Clock clock, PrintStream stdout) {
    this.config = config;
    this.clock = clock;
    this.store = new StateStore(StateDatabase.open(config.statePath()));
    this.engine = new SyncEngine(store, clock);
    this.dispatcher = new Dispatcher(store, clock);
    // Leases are compared between processes, so they are on the wall clock, not the injected one.
    this.leases = new RunLeases(new DirectoryLeases(store.database(), Clock.systemUTC()));
    TrustMaterial tls = trust(config);
    this.sinks = config.sinks().stream().map(s -> sink(s, stdout, tls, clock)).toList();
  }

  private static TrustMaterial trust(DirsyncConfig config) {
    try {
      return TrustMaterial.of(config.caFile());
    } catch (ConfigException e) {
      throw new ConfigError(config.file(), e.key(), e.getMessage());
    }
  }

  private static okhttp3.OkHttpClient http(java.time.Duration timeout, TrustMaterial tls) {
    return new okhttp3.OkHttpClient.Builder()
        .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
        .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout.multipliedBy(2))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }

  private static ActionSink sink(SinkConfig s, PrintStream stdout, TrustMaterial tls, Clock clock) {
    if (s instanceof SinkConfig.Jsonl j) {
      return j.stdout() ? JsonlSink.toStdout(j.id(), stdout) : JsonlSink.toFile(j.id(), j.path());
    }
    if (s instanceof SinkConfig.Webhook w) {
      return new WebhookSink(w.id(), w.url(), w.secret().reveal().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          w.batchSize(), http(w.timeout(), tls), clock);
    }
    throw new IllegalArgumentException("no sink for " + s.getClass().getSimpleName());
  }

  public DirsyncConfig config() {
    return config;
  }

  public StateStore store() {
    return store;
  }

  public List<String> sinkIds() {
    return sinks.stream().map(ActionSink::id).toList();
  }

  /** Makes the directory's connector (no I/O but reading local key files). */
  public Connector connector(DirectoryConfig d) {
    return connectorFor(config, d, clock);
  }

  /** Makes a directory's connector without opening the state database (check-config, test-connection). */
  public static Connector connectorFor(DirsyncConfig config, DirectoryConfig d, Clock clock) {
    return create(d.factory(), d.connectorConfig(), new ConnectorContext(d.id(), d.nestedGroups(), clock,
        config.caFile(), DirectoryResilience.of(d.id(), d.retry(), d.rateLimit(), clock)));
  }

  /**
   * The directory's retry and pacing layer, one per directory for the life of this App, so that
   * back-to-back runs share the pacing budget and a breaker's state carries to the next run's start.
   */
  private DirectoryResilience resilience(DirectoryConfig d) {
    return resilience.computeIfAbsent(d.id(), id -> DirectoryResilience.of(id, d.retry(), d.rateLimit(), clock));
  }

  @SuppressWarnings("unchecked")
  private static <C extends Record> Connector create(ConnectorFactory<C> factory, Record config, ConnectorContext ctx) {
    return factory.create((C) config, ctx);
  }

  /**
   * Runs a directory once under its lease, waiting up to {@code daemon.busyWait} for a run of it that
   * another process holds; a directory that stays busy gives a failed report saying so (not recorded).
   */
  public RunReport run(DirectoryConfig d, RunOptions options) {
    Duration wait = config.daemon().busyWait();
    return runLeased(d, options, wait).orElseGet(() -> leases.busy(d.id(), wait, options, clock));
  }

  /** Runs a directory once under its lease; empty when another run held it for all of {@code wait}. */
  public Optional<RunReport> runLeased(DirectoryConfig d, RunOptions options, Duration wait) {
    return leases.around(d.id(), wait, () -> runNow(d, options));
  }

  private RunReport runNow(DirectoryConfig d, RunOptions options) {
    ConnectorContext ctx = new ConnectorContext(d.id(), d.nestedGroups(), clock, config.caFile(), resilience(d));
    try (Connector c = create(d.factory(), d.connectorConfig(), ctx)) {
      return engine.run(d.id(), c, d.safety(), options, ctx.resilience());
    }
  }

  /** Delivers what is due (queues waiting for a retry backoff wait). */
  public Dispatcher.Result deliver() {
    return pruned(dispatcher.deliverAll(sinks));
  }

  /** Delivers now, also to queues waiting for a backoff (an operator asked); parked queues stay parked. */
  public Dispatcher.Result deliverNow() {
    return pruned(dispatcher.deliver(sinks, true));
  }

  /**
   * After a delivery, the audit trail older than {@code state.retention} goes (delivered actions
   * only), at most once per {@link #PRUNE_EVERY}: the pruning scans the outbox and the run records,
   * which hold the whole retention period (days of every directory's actions), so doing it after
   * every run of every directory would cost more than all the runs. A retention is at least a day.
   */
  private synchronized Dispatcher.Result pruned(Dispatcher.Result r) {
    Instant now = clock.instant();
    if (lastPrune == null || !now.isBefore(lastPrune.plus(PRUNE_EVERY))) {
      store.prune(now.minus(config.retention()));
      lastPrune = now;
    }
    return r;
  }

  @Override
  public void close() {
    leases.close();
    sinks.forEach(ActionSink::close);
  }
}
