package io.dirsync.azure;

import io.dirsync.core.http.DirectoryResilience;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.Secret;
import io.dirsync.emulator.graph.GraphEmulator;
import io.dirsync.emulator.graph.GraphEmulatorBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Graph emulator and an {@code azure} connector pointed at it through the real SDK, the real
 * client-credentials flow and TLS verified against the emulator's CA (given as {@code tls.caFile}).
 */
final class EmulatedAzure implements AutoCloseable {

  final GraphEmulator emulator;
  final Path caFile;
  private Connector connector;

  EmulatedAzure(GraphEmulator emulator) {
    this.emulator = emulator;
    try {
      this.caFile = emulator.writeCaCertificate(Files.createTempFile("graph-emulator-ca", ".pem"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static EmulatedAzure start(GraphEmulatorBuilder builder) {
    return new EmulatedAzure(builder.start());
  }

  AzureConfig config() {
    return config(null, null, Map.of());
  }

  AzureConfig config(String userFilter, List<String> groups, Map<String, String> attributes) {
    return new AzureConfig(emulator.tenantId(), emulator.clientId(), new Secret(emulator.clientSecret()), null, null,
        null, "global", new AzureConfig.Endpoints(emulator.graphUrl(), emulator.loginUrl()), userFilter, groups,
        attributes);
  }

  /** A context whose requests are each tried once (no retry layer), so faults surface as they are classified. */
  ConnectorContext context(NestedGroups nesting, Clock clock) {
    return context(nesting, clock, DirectoryResilience.once("contoso", clock));
  }

  ConnectorContext context(NestedGroups nesting, Clock clock, DirectoryResilience resilience) {
    return new ConnectorContext("contoso", nesting, clock, Optional.of(caFile), resilience);
  }

  /** The connector for the default config, made once. */
  Connector connector() {
    if (connector == null) {
      connector = create(config(), context(NestedGroups.DIRECT, emulator.clock()));
    }
    return connector;
  }

  Connector create(AzureConfig config, ConnectorContext context) {
    return new AzureConnectorFactory().create(config, context);
  }

  @Override
  public void close() throws IOException {
    if (connector != null) {
      connector.close();
    }
    emulator.close();
    Files.deleteIfExists(caFile);
  }
}
