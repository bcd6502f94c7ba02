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
 */
public record DirectoryConfig(String id, String type, String schedule, Duration deltaEvery, SafetyPolicy safety,
    NestedGroups nestedGroups, ConnectorFactory<?> factory, Record connectorConfig) {}
