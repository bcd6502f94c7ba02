package io.dirsync.google;

import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorFactory;

/** {@code type: google}: Google Workspace through the Admin SDK Directory API. */
public final class GoogleConnectorFactory implements ConnectorFactory<GoogleConfig> {

  @Override
  public String type() {
    return "google";
  }

  @Override
  public Class<GoogleConfig> configType() {
    return GoogleConfig.class;
  }

  /** Reads the key file (no network I/O); an unreadable or foreign key is a ConfigException. */
  @Override
  public GoogleConnector create(GoogleConfig config, ConnectorContext context) {
    return new GoogleConnector(config, context, GoogleClient.create(config, context),
        Sleeper.SYSTEM);
  }
}
