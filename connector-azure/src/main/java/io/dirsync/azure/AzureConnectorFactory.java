package io.dirsync.azure;

import io.dirsync.azure.internal.AzureConnector;
import io.dirsync.azure.internal.AzureDeltaConnector;
import io.dirsync.azure.internal.RequestPolicy;
import io.dirsync.azure.internal.ResilientRequestPolicy;
import io.dirsync.core.spi.Connector;
import io.dirsync.core.spi.ConnectorContext;
import io.dirsync.core.spi.ConnectorFactory;

/**
 * {@code type: azure} — Microsoft Entra ID through Microsoft Graph. The connector lists users,
 * groups and memberships in full, checks its connection, and reads Graph delta rounds when the
 * directory is synced whole with direct memberships (a {@code userFilter}, a {@code groups} scope
 * or {@code nestedGroups: flatten} cannot be followed by Graph's delta, so those directories are
 * synced by full listings only).
 *
 * <p>Every Graph request, and the token call it may need, goes through the directory's
 * {@code DirectoryResilience} ({@code retry:} and {@code rateLimit:} of the directory, including
 * {@code rateLimit.resourceUnitsPer10s} at Graph's documented cost of each request).
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
    RequestPolicy policy = new ResilientRequestPolicy(context.resilience());
    boolean deltaCapable = config.userFilter() == null && config.groups() == null
        && context.nestedGroups() == ConnectorContext.NestedGroups.DIRECT;
    return deltaCapable ? new AzureDeltaConnector(config, context, policy) : new AzureConnector(config, context, policy);
  }
}
