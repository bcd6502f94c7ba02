package io.dirsync.daemon.cli;

import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.graph.GraphEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dirsync emulate}: serve the fake directories for local development until stopped. */
@Command(name = "emulate", description = "Serve emulated Entra ID (HTTPS) and Google Workspace directories until stopped.")
final class EmulateCommand implements Callable<Integer> {

  private final Env env;
  @Option(names = "--port", defaultValue = "8443", description = "Port of the Graph emulator; Google's is the next one (default ${DEFAULT-VALUE}).")
  int port;
  @Option(names = "--users", defaultValue = "100", description = "Users per directory (default ${DEFAULT-VALUE}).")
  int users;
  @Option(names = "--groups", defaultValue = "10", description = "Groups per directory (default ${DEFAULT-VALUE}).")
  int groups;
  @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the CA certificate, secret and key file (default: a temp folder).")
  Path dir;

  EmulateCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    Path out = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("dirsync-emulate-");
    CountDownLatch stop = new CountDownLatch(1);
    try (GraphEmulator graph = GraphEmulator.builder().port(port).users(users).groups(groups)
            .clientSecret("emulator-secret").start();
         GoogleEmulator google = GoogleEmulator.builder().port(port + 1).users(users).groups(groups).start()) {
      Path ca = graph.writeCaCertificate(out.resolve("emulator-ca.pem"));
      Path key = google.writeServiceAccountKey(out.resolve("google-sa.json"));
      env.out().printf("""
          Serving emulated directories until stopped (Ctrl-C). A configuration that syncs them:

          tls:
            caFile: %s
          directories:
            - id: contoso
              type: azure
              tenantId: %s
              clientId: %s
              clientSecret: emulator-secret
              endpoints: {graph: %s, login: %s}
            - id: acme
              type: google
              serviceAccountKeyFile: %s
              subject: %s
              endpoints: {directory: %s}
          sinks:
            - {type: jsonl, path: ./actions.jsonl}
          %n""", ca, graph.tenantId(), graph.clientId(), graph.graphUrl(), graph.loginUrl(), key,
          google.adminEmail(), google.rootUrl());
      env.out().flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "emulate-stop"));
      stop.await();
    }
    return ExitCodes.OK;
  }
}
