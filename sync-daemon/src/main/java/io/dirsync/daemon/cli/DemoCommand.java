package io.dirsync.daemon.cli;

import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.RunReport;
import io.dirsync.core.json.Json;
import io.dirsync.core.snapshot.OutboxEntry;
import io.dirsync.daemon.App;
import io.dirsync.daemon.config.ConfigLoader;
import io.dirsync.daemon.config.DirectoryConfig;
import io.dirsync.daemon.config.DirsyncConfig;
import io.dirsync.emulator.google.GoogleEmulator;
import io.dirsync.emulator.graph.GraphEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dirsync demo}: the quick start. Starts the emulated Entra ID and Google Workspace
 * directories in process, writes a throwaway configuration and state in a temp folder, syncs,
 * changes the directories (a hire, a rename, a leaver, a membership change), syncs again, and
 * prints the actions of both runs.
 */
@Command(name = "demo", description = "Sync the built-in emulated directories twice and show the actions (needs nothing else).")
final class DemoCommand implements Callable<Integer> {

  private final Env env;
  @Option(names = "--users", defaultValue = "25", description = "Users per emulated directory (default ${DEFAULT-VALUE}).")
  int users;
  @Option(names = "--keep", description = "Keep the temp folder (config, state database, actions.jsonl).")
  boolean keep;

  DemoCommand(Env env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("dirsync-demo-", PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------")));
    try (GraphEmulator graph = GraphEmulator.builder().users(users).groups(4).seed(42).start();
         GoogleEmulator google = GoogleEmulator.builder().users(users).groups(4).seed(42).start()) {
      Path config = writeConfig(dir, graph, google);
      env.out().println("Emulated Entra ID at " + graph.graphUrl() + " and Google Workspace at " + google.rootUrl());
      env.out().println("Config: " + config);
      DirsyncConfig cfg = new ConfigLoader(env.registry(), env.env()).load(config);
      try (App app = new App(cfg, env.clock(), env.out())) {
        env.out().println();
        env.out().println("== First sync: everyone is new ==");
        int code = syncAll(app, false);

        String hire = graph.addUser("grace.hopper@" + graph.domain(), "Grace", "Hopper");
        String group = graph.groupIds().get(0);
        graph.addMember(group, hire);
        List<String> ids = graph.userIds();
        graph.renameUser(ids.get(1), "renamed.user@" + graph.domain());
        graph.softDeleteUser(ids.get(2));
        graph.removeMember(group, ids.get(3));
        List<String> staff = google.users().stream().map(u -> u.primaryEmail())
            .filter(e -> !e.equalsIgnoreCase(google.adminEmail())).toList();
        google.suspendUser(staff.get(1));
        google.renameUser(staff.get(2), "renamed@" + google.domain());

        env.out().println();
        env.out().println("== Second sync, after a hire, a rename, a leaver and a membership change ==");
        code = Math.max(code, syncAll(app, true));
        env.out().println();
        if (keep) {
          env.out().println("Kept " + dir + ": actions.jsonl holds the delivered actions; try");
          env.out().println("  java -jar sync-daemon/target/dirsync.jar status --config " + config);
        } else {
          env.out().println("(run with --keep to keep the config, state database and actions.jsonl)");
        }
        return code;
      }
    } finally {
      if (!keep) {
        deleteTree(dir);
      }
    }
  }

  private int syncAll(App app, boolean showAll) {
    boolean failed = false;
    for (DirectoryConfig d : app.config().directories()) {
      RunReport r = app.run(d, RunOptions.SCHEDULED);
      Reports.printRun(env.out(), r);
      failed |= !r.succeeded();
      List<OutboxEntry> actions = app.store().actionsOfRun(r.record().id());
      int shown = showAll ? actions.size() : Math.min(actions.size(), 12);
      for (OutboxEntry e : actions.subList(0, shown)) {
        env.out().println("    " + Reports.describe(Json.read(e.body(), com.fasterxml.jackson.databind.JsonNode.class)));
      }
      if (shown < actions.size()) {
        env.out().println("    … and " + (actions.size() - shown) + " more");
      }
    }
    var delivered = app.deliver();
    return failed ? ExitCodes.FAILED : delivered.complete() ? ExitCodes.OK : ExitCodes.UNDELIVERED;
  }

  private static Path writeConfig(Path dir, GraphEmulator graph, GoogleEmulator google) throws IOException {
    Path ca = graph.writeCaCertificate(dir.resolve("emulator-ca.pem"));
    Path secret = dir.resolve("contoso-client-secret");
    Files.writeString(secret, graph.clientSecret());
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    Path key = google.writeServiceAccountKey(dir.resolve("acme-sa.json"));
    String yaml = """
        # Written by `dirsync demo`: two emulated directories on 127.0.0.1.
        state:
          path: %s
        tls:
          caFile: %s
        directories:
          - id: contoso
            type: azure
            tenantId: %s
            clientId: %s
            clientSecretFile: %s
            endpoints:
              graph: %s
              login: %s
          - id: acme
            type: google
            serviceAccountKeyFile: %s
            subject: %s
            endpoints:
              directory: %s
        sinks:
          - type: jsonl
            path: %s
        """.formatted(dir.resolve("dirsync.db"), ca, graph.tenantId(), graph.clientId(), secret, graph.graphUrl(),
        graph.loginUrl(), key, google.adminEmail(), google.rootUrl(), dir.resolve("actions.jsonl"));
    Path config = dir.resolve("dirsync.yaml");
    Files.writeString(config, yaml);
    return config;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
