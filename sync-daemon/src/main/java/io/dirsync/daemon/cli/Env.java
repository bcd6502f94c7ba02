package io.dirsync.daemon.cli;

import io.dirsync.core.spi.ConnectorRegistry;
import java.io.PrintStream;
import java.time.Clock;
import java.util.function.Function;

/**
 * What every command receives instead of reaching for globals: the environment, the clock, its
 * output streams and the installed connectors.
 */
public record Env(Function<String, String> env, Clock clock, PrintStream out, PrintStream err, ConnectorRegistry registry) {}
