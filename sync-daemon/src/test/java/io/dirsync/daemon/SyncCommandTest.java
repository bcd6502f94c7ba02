package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncCommandTest {

  @TempDir
  Path tmp;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(tmp);
    Cli.org(40).write(tmp.resolve("source.json"));
    cli.config("", "actions.jsonl");
  }

  private Cli.Result sync(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "sync";
    args[1] = "--config";
    args[2] = tmp.resolve("dirsync.yaml").toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return cli.run(args);
  }

  @Test
  void firstSyncCommitsAndDeliversEveryActionAndExitsZero() {
    Cli.Result r = sync();

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("acme: full run succeeded").contains("user.create 40");
    assertThat(cli.actionLines()).hasSize(40 + 1 + 40);
    JsonNode first = Json.read(cli.actionLines().get(0), JsonNode.class);
    assertThat(first.get("type").asText()).isEqualTo("user.create");
    assertThat(first.get("directory").asText()).isEqualTo("acme");
  }

  @Test
  void aRunThatWouldDeactivateTooManyIsHeldCommitsNothingAndExitsThree() {
    sync();
    Cli.org(40).withoutUsers(0, 20).write(tmp.resolve("source.json"));

    Cli.Result held = sync();

    assertThat(held.code()).isEqualTo(3);
    assertThat(held.out()).contains("held").contains("--allow-deletions");
    assertThat(cli.actionLines()).hasSize(81);
    Cli.Result status = cli.run("status", "--json", "--config", tmp.resolve("dirsync.yaml").toString());
    JsonNode d = Json.read(status.out(), JsonNode.class).get("directories").get(0);
    assertThat(d.get("held").asBoolean()).isTrue();
    assertThat(d.get("activeUsers").asInt()).isEqualTo(40);
    assertThat(d.get("lastRun").get("outcome").asText()).isEqualTo("held");

    Cli.Result again = sync();
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.out()).contains("still held, no new alarm");
    assertThat(held.out()).doesNotContain("still held");

    Cli.Result released = sync("--allow-deletions");
    assertThat(released.code()).as(released.err()).isZero();
    assertThat(cli.actionLines().stream().filter(l -> l.contains("\"user.deactivate\""))).hasSize(20);
    Cli.Result after = cli.run("status", "--json", "--config", tmp.resolve("dirsync.yaml").toString());
    assertThat(Json.read(after.out(), JsonNode.class).get("directories").get(0).get("held").asBoolean()).isFalse();
  }

  @Test
  void anEmptyListingIsHeldEvenUnderTheThresholds() {
    cli.config("safety: {maxDeactivations: 1000, maxDeactivationPercent: 100}", "actions.jsonl");
    sync();
    Cli.org(0).write(tmp.resolve("source.json"));

    Cli.Result r = sync();

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("returned no users");
  }

  @Test
  void dryRunPrintsThePlanAndCommitsNothing() {
    Cli.Result r = sync("--dry-run");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("dry-run run succeeded").contains("plan (81 actions)").contains("user.create       user0@acme.example");
    assertThat(cli.actionLines()).isEmpty();
    assertThat(sync().out()).contains("user.create 40");
  }

  @Test
  void aFailingPageFailsTheRunExitsOneAndCommitsNothing() {
    sync();
    Cli.org(40).withoutUsers(0, 2).write(tmp.resolve("source.json"));
    cli.config("failOnPage: 2", "actions.jsonl");

    Cli.Result r = sync();

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("failed").contains("users page 2 failed");
    assertThat(cli.actionLines()).hasSize(81);
  }

  @Test
  void aSinkThatIsDownKeepsTheActionsQueuedAndDeliversThemInOrderLater() throws Exception {
    Files.createDirectories(tmp.resolve("blocked"));
    Path config = cli.config("", "blocked");

    Cli.Result down = sync();
    assertThat(down.code()).isEqualTo(4);
    assertThat(down.out()).contains("stay queued");
    Cli.Result status = cli.run("status", "--json", "--config", config.toString());
    assertThat(Json.read(status.out(), JsonNode.class).get("directories").get(0).get("pendingActions").asInt()).isEqualTo(81);

    cli.config("", "actions.jsonl");
    Cli.org(41).write(tmp.resolve("source.json"));
    Cli.Result up = sync();
    assertThat(up.code()).isZero();
    // the sink's id follows its path, so the new file gets everything from the start, in commit order
    assertThat(cli.actionLines()).hasSize(81 + 2);
    assertThat(cli.actionLines().get(81)).contains("\"user.create\"").contains("u0040");
  }

  @Test
  void anUnknownDirectoryIsBadUsage() {
    Cli.Result r = sync("--directory", "nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown directory 'nope'").contains("acme");
  }

  @Test
  void historyListsRunsAndTheirActions() {
    sync();
    Cli.Result runs = cli.run("history", "--config", tmp.resolve("dirsync.yaml").toString(), "--json");
    JsonNode list = Json.read(runs.out(), JsonNode.class).get("runs");
    assertThat(list).hasSize(1);
    String runId = list.get(0).get("id").asText();

    Cli.Result actions = cli.run("history", "--config", tmp.resolve("dirsync.yaml").toString(), "--run", runId);
    assertThat(actions.out().lines()).hasSize(81);
    Cli.Result forUser = cli.run("history", "--config", tmp.resolve("dirsync.yaml").toString(), "--directory", "acme",
        "--object", "u0003");
    assertThat(forUser.out().lines()).hasSize(2); // create + membership.add
  }
}
