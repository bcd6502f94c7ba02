package io.dirsync.google;

import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.http.RateLimitConfig;
import io.dirsync.core.http.RetryConfig;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.emulator.google.GoogleEmulator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A Google emulator with a key file written, and connectors pointed at it through the real factory. */
final class EmulatedGoogle implements AutoCloseable {

  final GoogleEmulator emulator;
  final Path keyFile;

  EmulatedGoogle(GoogleEmulator emulator, Path dir) {
    this.emulator = emulator;
    this.keyFile = emulator.writeServiceAccountKey(dir.resolve("service-account.json"));
  }

  /** The config an operator would write for this emulator. */
  GoogleConfig config() {
    return config(b -> b);
  }

  GoogleConfig config(UnaryOperator<ConfigBuilder> change) {
    return change.apply(new ConfigBuilder(keyFile, emulator.adminEmail(), emulator.rootUrl())).build();
  }

  /** A connector through the real factory; every request tried once (no retry layer in the way). */
  GoogleConnector connector(GoogleConfig config, NestedGroups nesting) {
    return new GoogleConnectorFactory().create(config, context(nesting, Clock.systemUTC()));
  }

  /** A connector through the real factory, its requests going through {@code resilience}. */
  GoogleConnector connector(GoogleConfig config, NestedGroups nesting, DirectoryResilience resilience) {
    return new GoogleConnectorFactory().create(config, new ConnectorContext("acme", nesting, Clock.systemUTC(),
        Optional.empty(), resilience));
  }

  /** The default retry policy whose waits are recorded in {@code waits} instead of slept. */
  static DirectoryResilience recordingRetries(java.util.List<java.time.Duration> waits) {
    return new DirectoryResilience("acme", RetryConfig.DEFAULTS, RateLimitConfig.UNLIMITED, Clock.systemUTC(),
        d -> {
          synchronized (waits) {
            waits.add(d);
          }
        }, () -> 0.5);
  }

  GoogleConnector connector() {
    return connector(config(), NestedGroups.DIRECT);
  }

  /** A connector whose pacing waits on {@code sleeper} and reads {@code clock}. */
  GoogleConnector connector(GoogleConfig config, Clock clock, Sleeper sleeper) {
    ConnectorContext ctx = context(NestedGroups.DIRECT, clock);
    return new GoogleConnector(config, ctx, GoogleClient.create(config, ctx), sleeper);
  }

  static ConnectorContext context(NestedGroups nesting, Clock clock) {
    return new ConnectorContext("acme", nesting, clock, Optional.empty(), DirectoryResilience.once("acme", clock));
  }

  @Override
  public void close() {
    emulator.close();
  }

  /** Mutable stand-in for the YAML an operator writes. */
  static final class ConfigBuilder {
    Path keyFile;
    String subject;
    String directory;
    String customer;
    String domain;
    String projection;
    java.util.List<String> mask;
    String query;
    java.util.List<String> orgUnits;
    java.util.List<String> groups;
    java.util.Map<String, String> attributes;
    Integer maxConcurrency;
    Integer quotaPerMinute = 1_000_000;

    ConfigBuilder(Path keyFile, String subject, String directory) {
      this.keyFile = keyFile;
      this.subject = subject;
      this.directory = directory;
    }

    ConfigBuilder set(java.util.function.Consumer<ConfigBuilder> c) {
      c.accept(this);
      return this;
    }

    GoogleConfig build() {
      return new GoogleConfig(customer, domain, keyFile, subject, new GoogleConfig.Endpoints(directory), projection,
          mask, query, orgUnits, groups, attributes, maxConcurrency, quotaPerMinute);
    }
  }
}
