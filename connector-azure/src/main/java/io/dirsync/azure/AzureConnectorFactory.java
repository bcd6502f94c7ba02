package io.dirsync.azure;

import io.dirsync.azure.internal.AzureConnector;
import io.dirsync.azure.internal.AzureDeltaConnector;
import io.dirsync.azure.internal.RequestPolicy;
import io.dirsync.azure.internal.ResilientRequestPolicy;
import io.dirsync.core.http.RateLimitConfig;
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
 * {@code rateLimit.resourceUnitsPer10s} at Graph's documented cost of each request; by default
 * {@link #defaultRateLimit()}).
 */
public final class AzureConnectorFactory implements ConnectorFactory<AzureConfig> {

  /** {@link #defaultRateLimit()}: request pacing off, 7,200 resource units per 10 s. */
  public static final RateLimitConfig DEFAULT_RATE_LIMIT = new RateLimitConfig(0d, 7_200);

  @Override
  public String type() {
    return "azure";
  }

  @Override
  public Class<AzureConfig> configType() {
    return AzureConfig.class;
  }

  /**
   * Graph's own limit is a budget of resource units per app and tenant (SPEC.md A7), so that is
   * what a Graph directory is paced by: {@code resourceUnitsPer10s} 7,200, 90 % of the 8,000 RU per
   * 10 s bucket of a tenant with more than 500 users, leaving room for requests that reach Graph a
   * little late in a window and for other readers of the same app. Smaller tenants have smaller
   * buckets (3,500 under 50 users, 5,000 up to 500), but a bucket starts full and their listings
   * cost less than it holds — a few RU for the users, 2 RU for each group's members: a tenant of 500
   * users would need some 2,500 groups to spend 5,000 RU in one run; should one be throttled anyway,
   * the retry layer waits the {@code Retry-After} Graph asks for and repeats that page.
   * {@code requestsPerSecond} 0: Graph's request limit (130,000 per 10 s per app) is out of a
   * directory's reach.
   */
  @Override
  public RateLimitConfig defaultRateLimit() {
    return DEFAULT_RATE_LIMIT;
  }

  @Override
  public Connector create(AzureConfig config, ConnectorContext context) {
    RequestPolicy policy = new ResilientRequestPolicy(context.resilience());
    boolean deltaCapable = config.userFilter() == null && config.groups() == null
        && context.nestedGroups() == ConnectorContext.NestedGroups.DIRECT;
    return deltaCapable ? new AzureDeltaConnector(config, context, policy) : new AzureConnector(config, context, policy);
  }
}
