package io.dirsync.daemon.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code daemon:} block: how {@code dirsync run} schedules and stops, and how long a manual
 * {@code dirsync sync} waits for a directory another run holds.
 *
 * @param poolSize how many directories sync in parallel (Quartz worker threads), 1 to 64
 * @param shutdownGrace on SIGTERM, how long running syncs may go on before they are interrupted
 *     (an interrupted run commits nothing)
 * @param busyWait how long a run waits for the lease of a directory that another run (another
 *     process, usually) holds, before it gives up saying the directory is busy
 * @param http the health and metrics endpoint; empty (the default) serves nothing
 */
public record DaemonConfig(int poolSize, Duration shutdownGrace, Duration busyWait, Optional<Http> http) {

  public static final int DEFAULT_POOL_SIZE = 4;
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_BUSY_WAIT = Duration.ofMinutes(1);
  public static final DaemonConfig DEFAULTS = new DaemonConfig(DEFAULT_POOL_SIZE, DEFAULT_SHUTDOWN_GRACE,
      DEFAULT_BUSY_WAIT, Optional.empty());

  public DaemonConfig {
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(busyWait, "busyWait");
    Objects.requireNonNull(http, "http");
  }

  /**
   * Where {@code /healthz} and {@code /metrics} are served.
   *
   * @param address the address to bind, loopback ({@code 127.0.0.1}) by default
   * @param port the TCP port, {@value #DEFAULT_PORT} by default; 0 picks a free one (logged)
   */
  public record Http(String address, int port) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 9464;
  }
}
