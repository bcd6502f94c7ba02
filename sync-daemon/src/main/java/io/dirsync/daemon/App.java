package io.dirsync.daemon;

import io.dirsync.core.action.ActionSink;
import io.dirsync.core.action.Dispatcher;
import io.dirsync.core.action.JsonlSink;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorFactory;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.daemon.config.SinkConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * The composition root of one process: the state database, the engine, the dispatcher and the
 * sinks of one configuration. Commands and the scheduler get their collaborators from here.
 */
public final class App implements AutoCloseable {

  private final DirsyncConfig config;
  private final Clock clock;
  private final StateStore store;
  private final SyncEngine engine;
  private final Dispatcher dispatcher;
  private final List<ActionSink> sinks;

  public App(DirsyncConfig config, Clock clock, PrintStream stdout) {
    this.config = config;
    this.clock = clock;
    this.store = new StateStore(StateDatabase.open(config.statePath()));
    this.engine = new SyncEngine(store, clock);
    this.dispatcher = new Dispatcher(store, clock);
    this.sinks = config.sinks().stream().map(s -> sink(s, stdout)).toList();
  }

  private static ActionSink sink(SinkConfig s, PrintStream stdout) {
    if (s instanceof SinkConfig.Jsonl j) {
      return j.stdout() ? JsonlSink.toStdout(j.id(), stdout) : JsonlSink.toFile(j.id(), j.path());
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
    return create(d.factory(), d.connectorConfig(),
        new ConnectorContext(d.id(), d.nestedGroups(), clock, config.caFile()));
  }

  @SuppressWarnings("unchecked")
  private static <C extends Record> Connector create(ConnectorFactory<C> factory, Record config, ConnectorContext ctx) {
    return factory.create((C) config, ctx);
  }

  public RunReport run(DirectoryConfig d, RunOptions options) {
    try (Connector c = connector(d)) {
      return engine.run(d.id(), c, d.safety(), options);
    }
  }

  public Dispatcher.Result deliver() {
    return dispatcher.deliverAll(sinks);
  }

  @Override
  public void close() {
    sinks.forEach(ActionSink::close);
  }
}
