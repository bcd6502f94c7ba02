package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.action.WebhookSignature;
import io.dirsync.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook sink against a receiver that checks signatures, records order and fails on command. */
class WebhookTest {

  static final String SECRET = "webhook-secret-0123456789";

  @TempDir
  Path tmp;
  Cli cli;
  Path config;
  final MockWebServer server = new MockWebServer();
  final Receiver receiver = new Receiver();

  /** Answers with {@link #status}; records the action ids it accepted, in order; rejects bad signatures. */
  final class Receiver extends Dispatcher {
    volatile int status = 200;
    volatile String retryAfter;
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> badSignatures = new CopyOnWriteArrayList<>();

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      byte[] body = request.getBody().toByteArray();
      String sig = request.getHeaders().get(WebhookSignature.HEADER);
      if (sig == null || !WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), sig, body,
          cli.clock.instant().getEpochSecond(), 300)) {
        badSignatures.add(String.valueOf(sig));
        return new MockResponse.Builder().code(401).build();
      }
      if (status != 200) {
        MockResponse.Builder b = new MockResponse.Builder().code(status);
        if (retryAfter != null) {
          b.addHeader("Retry-After", retryAfter);
        }
        return b.build();
      }
      JsonNode action = Json.read(new String(body, StandardCharsets.UTF_8), JsonNode.class);
      assertThat(request.getHeaders().get("Dirsync-Action-Id")).isEqualTo(action.get("id").asText());
      accepted.add(action.get("id").asText());
      return new MockResponse.Builder().code(200).build();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    server.setDispatcher(receiver);
    server.start();
    cli = new Cli(tmp);
    cli.env.put("HOOK_SECRET", SECRET);
    Cli.org(10).write(tmp.resolve("source.json"));
    config = cli.write("dirsync.yaml", """
        state: {path: state.db}
        directories:
          - id: acme
            type: fixture
            source: %s
        sinks:
          - type: webhook
            url: %s
            secret: ${env:HOOK_SECRET}
          - type: jsonl
            path: actions.jsonl
        """.formatted(tmp.resolve("source.json"), server.url("/hooks/dirsync")));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  Cli.Result run(String... args) {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--config";
    full[args.length + 1] = config.toString();
    return cli.run(full);
  }

  List<String> idsInCommitOrder() {
    return cli.actionLines().stream().map(l -> Json.read(l, JsonNode.class).get("id").asText()).toList();
  }

  @Test
  void deliversEverySignedActionInCommitOrder() {
    assertThat(run("sync").code()).isZero();
    assertThat(receiver.badSignatures).isEmpty();
    assertThat(receiver.accepted).hasSize(21).isEqualTo(idsInCommitOrder());
  }

  @Test
  void aReceiverThatIsDownGetsEverythingInOrderWhenItReturnsWhileTheOtherSinkIsNotHeldUp() {
    receiver.status = 503;
    receiver.retryAfter = "120";
    Cli.Result down = run("sync");
    assertThat(down.code()).isEqualTo(4);
    assertThat(cli.actionLines()).as("the jsonl sink is not held up").hasSize(21);

    JsonNode sink = Json.read(run("status", "--json").out(), JsonNode.class).get("directories").get(0).get("sinks").get(0);
    assertThat(sink.get("pending").asInt()).isEqualTo(21);
    assertThat(sink.get("nextAttemptAt").asText()).isEqualTo("2026-03-01T10:02:00Z");
    assertThat(sink.get("lastError").asText()).contains("answered 503");

    Cli.org(12).write(tmp.resolve("source.json"));
    receiver.status = 200;
    assertThat(run("sync").code()).isZero();
    assertThat(receiver.accepted).isEqualTo(idsInCommitOrder()).hasSize(25);
  }

  @Test
  void aRefusedActionParksTheQueueUntilAnOperatorRetriesOrSkips() {
    receiver.status = 422;
    Cli.Result parked = run("sync");
    assertThat(parked.code()).isEqualTo(4);
    assertThat(parked.out()).contains("PARKED").contains("dirsync outbox retry --directory acme");
    Cli.Result status = run("status", "--json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(Json.read(status.out(), JsonNode.class).get("directories").get(0).get("sinks").get(0)
        .get("parked").asBoolean()).isTrue();

    receiver.status = 200;
    Cli.org(11).write(tmp.resolve("source.json"));
    assertThat(run("sync").code()).as("still parked: a later sync does not deliver past it").isEqualTo(4);
    assertThat(receiver.accepted).isEmpty();

    Cli.Result skipped = run("outbox", "skip", "--directory", "acme");
    assertThat(skipped.code()).as(skipped.out() + skipped.err()).isZero();
    List<String> all = idsInCommitOrder();
    assertThat(skipped.out()).contains("skipped").contains(all.get(0));
    assertThat(receiver.accepted).isEqualTo(all.subList(1, all.size()));
  }

  @Test
  void aLongOutageWithThousandsQueuedLosesNothingAndDeliversInOrder() {
    receiver.status = 503;
    for (int users : new int[] {1500, 2500, 3000}) {
      Cli.org(users).write(tmp.resolve("source.json"));
      assertThat(run("sync").code()).isEqualTo(4);
    }
    JsonNode sink = Json.read(run("status", "--json").out(), JsonNode.class).get("directories").get(0).get("sinks").get(0);
    assertThat(sink.get("pending").asInt()).isEqualTo(6001);
    assertThat(sink.get("oldestPendingAt").asText()).isEqualTo("2026-03-01T10:00:00Z");

    receiver.status = 200;
    assertThat(run("sync").code()).isZero();
    assertThat(receiver.accepted).hasSize(6001).isEqualTo(idsInCommitOrder());
  }

  @Test
  void retryRedeliversTheRefusedActionAfterTheReceiverIsFixed() {
    receiver.status = 400;
    run("sync");
    receiver.status = 200;
    Cli.Result retried = run("outbox", "retry", "--directory", "acme");
    assertThat(retried.code()).isZero();
    assertThat(receiver.accepted).isEqualTo(idsInCommitOrder());
  }
}
