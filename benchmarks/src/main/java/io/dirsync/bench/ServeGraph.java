package io.dirsync.bench;

import io.dirsync.emulator.graph.GraphEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * A Graph emulator with a generated organisation in a JVM of its own, and a dirsync configuration
 * that syncs it, so that a real {@code dirsync sync} in another JVM can be measured alone (peak RSS
 * and heap of a 1,000,000-user full sync, issue 8 item 4). Runs until killed.
 *
 * <p>{@code java -Xmx12g -cp benchmarks/target/benchmarks.jar io.dirsync.bench.ServeGraph USERS GROUPS DIR}
 * writes {@code DIR/dirsync.yaml} (state in {@code DIR/state}, actions to {@code DIR/actions.jsonl}),
 * then prints {@code ready}.
 */
public final class ServeGraph {

  private ServeGraph() {
  }

  public static void main(String[] args) throws Exception {
    int users = Integer.parseInt(args[0].replace("_", ""));
    int groups = Integer.parseInt(args[1].replace("_", ""));
    Path dir = Files.createDirectories(Path.of(args[2]));
    long t = System.nanoTime();
    GraphEmulator graph = GraphEmulator.builder().users(users).groups(groups).clientSecret("bench-secret").start();
    System.out.printf(Locale.ROOT, "seeded %,d users, %,d groups in %d ms%n", users, groups,
        (System.nanoTime() - t) / 1_000_000);
    Path ca = graph.writeCaCertificate(dir.resolve("emulator-ca.pem"));
    Files.writeString(dir.resolve("dirsync.yaml"), String.format(Locale.ROOT, """
        state:
          path: %s
        tls:
          caFile: %s
        directories:
          - id: contoso
            type: azure
            tenantId: %s
            clientId: %s
            clientSecret: bench-secret
            endpoints: {graph: %s, login: %s}
        sinks:
          - {type: jsonl, path: %s}
        """, dir.resolve("state/dirsync.db"), ca, graph.tenantId(), graph.clientId(), graph.graphUrl(),
        graph.loginUrl(), dir.resolve("actions.jsonl")));
    System.out.println("ready");
    new CountDownLatch(1).await();
  }
}
