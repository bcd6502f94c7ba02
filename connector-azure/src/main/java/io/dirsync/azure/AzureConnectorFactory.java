package io.dirsync.azure;

import io.dirsync.azure.internal.AzureConnector;
import io.dirsync.azure.internal.AzureDeltaConnector;
import io.dirsync.azure.internal.RequestPolicy;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorFactory;

/**
 * {@code type: azure} — Microsoft Entra ID through Microsoft Graph. The connector lists users,
 * groups and memberships in full, checks its connection, and reads Graph delta rounds when the
 * directory is synced whole with direct memberships (a {@code userFilter}, a {@code groups} scope
 * or {@code nestedGroups: flatten} cannot be followed by Graph's delta, so those directories are
 * synced by full listings only).
 */
public final class AzureConnectorFactory implements ConnectorFactory<AzureConfig> {

  @Override
  public String type() {
    return "azure";
  }

  @Override
  public Class<AzureConfig> configType() {
    return AzureConfig.class;
  }

  @Override
  public Connector create(AzureConfig config, ConnectorContext context) {
    RequestPolicy policy = RequestPolicy.ONCE;
    boolean deltaCapable = config.userFilter() == null && config.groups() == null
        && context.nestedGroups() == ConnectorContext.NestedGroups.DIRECT;
    return deltaCapable ? new AzureDeltaConnector(config, context, policy) : new AzureConnector(config, context, policy);
  }
}
