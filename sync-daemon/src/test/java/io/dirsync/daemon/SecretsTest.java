package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.emulator.graph.GraphEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Canary secrets: a client secret that is really used to get tokens must never reach stdout,
 * stderr (logs), the state database, the actions, or an error message.
 */
class SecretsTest {

  static final String CANARY = "canary-Zq8vT3-secret-value";

  @TempDir
  Path tmp;

  @Test
  void aClientSecretNeverLeavesTheProcessThroughOutputLogsOrTheDatabase() throws Exception {
    try (GraphEmulator graph = GraphEmulator.builder().users(30).groups(3).clientSecret(CANARY).start()) {
      Path ca = graph.writeCaCertificate(tmp.resolve("ca.pem"));
      Path config = Files.writeString(tmp.resolve("dirsync.yaml"), """
          state: {path: state.db}
          tls: {caFile: %s}
          directories:
            - id: contoso
              type: azure
              tenantId: %s
              clientId: %s
              clientSecret: ${env:CONTOSO_SECRET}
              endpoints: {graph: %s, login: %s}
            - id: wrongsecret
              type: azure
              tenantId: %s
              clientId: %s
              clientSecret: ${env:WRONG_SECRET}
              endpoints: {graph: %s, login: %s}
          sinks:
            - {type: jsonl, path: actions.jsonl}
          """.formatted(ca, graph.tenantId(), graph.clientId(), graph.graphUrl(), graph.loginUrl(),
          graph.tenantId(), graph.clientId(), graph.graphUrl(), graph.loginUrl()));
      Map<String, String> env = Map.of("CONTOSO_SECRET", CANARY, "WRONG_SECRET", CANARY + "-wrong",
          "DIRSYNC_LOG_LEVEL", "debug");

      StringBuilder seen = new StringBuilder();
      for (String[] args : new String[][] {{"check-config"}, {"test-connection"}, {"sync"}, {"sync", "--dry-run"},
          {"status", "--json"}, {"history", "--actions"}}) {
        String[] full = Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new);
        Subprocess p = Subprocess.start(tmp, env, full);
        p.waitFor();
        seen.append(p.stdout()).append(p.stderr());
      }

      assertThat(seen.toString()).as("the syncs really ran").contains("contoso: full run succeeded")
          .contains("wrongsecret: full run failed").contains("[INFO] SyncEngine");
      assertThat(seen.toString()).doesNotContain(CANARY);
      for (Path f : Files.list(tmp).toList()) {
        if (Files.isRegularFile(f)) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(CANARY);
        }
      }
    }
  }

  @Test
  void logsGoToSlf4jSimpleNotToTheSilentFallback() {
    assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
  }
}
