package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.core.spi.ConnectorRegistry;
import io.dirsync.daemon.config.ConfigError;
import io.dirsync.daemon.config.ConfigLoader;
import io.dirsync.daemon.config.DaemonConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code daemon:} block: defaults, values, and one clear error per mistake. */
class DaemonConfigTest {

  @TempDir
  Path tmp;

  private DaemonConfig load(String daemon) {
    Path file = Daemons.config(tmp, daemon, Daemons.directory(tmp, "acme"));
    return new ConfigLoader(ConnectorRegistry.load(getClass().getClassLoader()), k -> null).load(file).daemon();
  }

  @Test
  void withoutADaemonBlockTheDefaultsApplyAndNoHttpIsServed() {
    assertThat(load("")).isEqualTo(new DaemonConfig(4, Duration.ofSeconds(30), Duration.ofMinutes(1), Optional.empty()));
  }

  @Test
  void everyKeyIsRead() {
    DaemonConfig d = load("""
        poolSize: 2
        shutdownGrace: PT2M
        busyWait: PT5S
        http:
          address: 0.0.0.0
          port: 9100
        """);
    assertThat(d).isEqualTo(new DaemonConfig(2, Duration.ofMinutes(2), Duration.ofSeconds(5),
        Optional.of(new DaemonConfig.Http("0.0.0.0", 9100))));
  }

  @Test
  void anEmptyHttpBlockServesOnLoopbackOnTheDefaultPort() {
    assertThat(load("http: {}").http()).contains(new DaemonConfig.Http("127.0.0.1", 9464));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "poolSize: 0                | daemon.poolSize: expected a whole number from 1 to 64, was '0'",
      "poolSize: many             | daemon.poolSize: expected a whole number from 1 to 64, was 'many'",
      "shutdownGrace: 30s         | daemon.shutdownGrace: not an ISO-8601 duration: '30s'; e.g. PT30S",
      "busyWait: -PT1S            | daemon.busyWait: must not be negative, was -PT1S",
      "http: {port: 70000}        | daemon.http.port: expected a whole number from 0 to 65535, was '70000'",
      "http: {host: x}            | daemon.http.host: unknown key (known: address, port)",
      "threads: 3                 | daemon.threads: unknown key (known: busyWait, http, poolSize, shutdownGrace)",
  })
  void mistakesNameTheKey(String yaml, String message) {
    assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigError.class).hasMessageEndingWith(message);
  }
}
