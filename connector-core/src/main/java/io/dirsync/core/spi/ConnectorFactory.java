package io.dirsync.core.spi;

import io.dirsync.core.http.RateLimitConfig;

/**
 * The entry point of a connector plugin, found by {@link java.util.ServiceLoader} and chosen by
 * {@link #type()} (the {@code type} key of a directory in the configuration).
 *
 * <p>The daemon binds the connector-specific keys of a directory to {@link #configType()}, a
 * record whose compact constructor validates and throws {@link ConfigException}; unknown keys are
 * errors. Keys common to every directory ({@code id}, {@code type}, {@code schedule},
 * {@code deltaEvery}, {@code safety}, {@code nestedGroups}) are not part of that record.
 *
 * @param <C> the connector's config record
 */
public interface ConnectorFactory<C extends Record> {

  /** The {@code type} name, {@code [a-z0-9-]+}, unique among installed connectors. */
  String type();

  Class<C> configType();

  /**
   * The client-side pacing of this type's directories for the {@code rateLimit} keys the
   * configuration leaves out: {@code defaults.rateLimit} and a directory's own {@code rateLimit}
   * override it key by key. A connector whose source publishes limits it can be paced against
   * offers them here; by default there is no pacing ({@link RateLimitConfig#DEFAULTS}), and the
   * retry layer still honours the source's throttling answers.
   */
  default RateLimitConfig defaultRateLimit() {
    return RateLimitConfig.DEFAULTS;
  }

  /**
   * Makes a connector. Must not do I/O beyond reading local files named by the config (a key file),
   * so that {@code check-config} can call it.
   *
   * @throws ConfigException when the config is valid on its own but cannot be used (unreadable key)
   */
  Connector create(C config, ConnectorContext context);
}
