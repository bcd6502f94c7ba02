package io.dirsync.daemon.config;

import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.spi.ConnectorContext.NestedGroups;
import io.dirsync.core.spi.ConnectorFactory;
import java.time.Duration;

/**
 * One configured directory: the keys every directory has, plus its connector's own config record.
 *
 * @param schedule the Quartz cron expression of the nightly full sync
 * @param deltaEvery how often incremental polls run, where the connector supports them
 * @param connectorConfig the record of {@code factory.configType()}, already validated
 * @param retry the retry policy of the directory's requests ({@code defaults.retry} merged key by key)
 * @param rateLimit its client-side pacing: the connector type's {@code defaultRateLimit()}, overridden
 *     key by key by {@code defaults.rateLimit}, then by the directory's own {@code rateLimit}
 */
public record DirectoryConfig(String id, String type, String schedule, Duration deltaEvery, SafetyPolicy safety,
    NestedGroups nestedGroups, ConnectorFactory<?> factory, Record connectorConfig,
    io.dirsync.core.http.RetryConfig retry, io.dirsync.core.http.RateLimitConfig rateLimit) {

  public DirectoryConfig {
    retry = retry == null ? io.dirsync.core.http.RetryConfig.DEFAULTS : retry;
    if (rateLimit == null) {
      rateLimit = factory != null ? factory.defaultRateLimit() : io.dirsync.core.http.RateLimitConfig.DEFAULTS;
    }
  }

  /** A directory with the default {@code retry:} and its connector type's default {@code rateLimit:}. */
  public DirectoryConfig(String id, String type, String schedule, Duration deltaEvery, SafetyPolicy safety,
      NestedGroups nestedGroups, ConnectorFactory<?> factory, Record connectorConfig) {
    this(id, type, schedule, deltaEvery, safety, nestedGroups, factory, connectorConfig, null, null);
  }
}
