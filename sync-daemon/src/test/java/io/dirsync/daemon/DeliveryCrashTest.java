package io.dirsync.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dirsync.core.action.WebhookSignature;
import io.dirsync.core.json.Json;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Killed with SIGKILL at any point of dispatch, a restart delivers every committed action at least
 * once, in commit order, and never one that was not committed.
 */
class DeliveryCrashTest {

  static final String SECRET = "webhook-secret-0123456789";

  @TempDir
  Path tmp;

  /** Accepts signed actions; on the {@code blockAt}-th request it signals and never answers. */
  static final class Receiver extends Dispatcher {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch blocked = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile int blockAt = -1;

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      byte[] body = request.getBody().toByteArray();
      String sig = request.getHeaders().get(WebhookSignature.HEADER);
      if (sig == null || !WebhookSignature.verify(SECRET.getBytes(StandardCharsets.UTF_8), sig, body,
          System.currentTimeMillis() / 1000, 366L * 24 * 3600)) { // the in-process restart runs on a fixed clock
        return new MockResponse.Builder().code(401).build();
      }
      received.add(Json.read(new String(body, StandardCharsets.UTF_8), JsonNode.class).get("id").asText());
      if (requests.incrementAndGet() == blockAt) {
        blocked.countDown();
        release.await(60, TimeUnit.SECONDS);
      }
      return new MockResponse.Builder().code(200).build();
    }
  }

  @ParameterizedTest(name = "killed while the receiver holds request {0}")
  @ValueSource(ints = {1, 2, 9, 23, 31})
  void aRestartDeliversEveryCommittedActionInOrder(int killAt) throws Exception {
    Receiver receiver = new Receiver();
    receiver.blockAt = killAt;
    try (MockWebServer server = new MockWebServer()) {
      server.setDispatcher(receiver);
      server.start();
      Cli cli = new Cli(tmp);
      Cli.org(15).write(tmp.resolve("source.json"));
      Path config = cli.write("dirsync.yaml", """
          state: {path: state.db}
          directories:
            - {id: acme, type: fixture, source: %s}
          sinks:
            - {type: webhook, url: '%s', secret: '%s'}
          """.formatted(tmp.resolve("source.json"), server.url("/hook"), SECRET));

      Subprocess p = Subprocess.start(tmp, Map.of(), "sync", "--config", config.toString());
      assertThat(receiver.blocked.await(60, TimeUnit.SECONDS)).as("reached request %d", killAt).isTrue();
      p.process.destroyForcibly();
      p.waitFor();
      receiver.release.countDown();

      Cli.Result restart = cli.run("sync", "--config", config.toString());
      assertThat(restart.code()).as(restart.out()).isZero();

      List<String> committed = StateDatabase.open(tmp.resolve("state.db")).jdbi().withHandle(h ->
          h.createQuery("SELECT id FROM outbox ORDER BY seq").mapTo(String.class).list());
      assertThat(committed).hasSize(31);
      assertThat(receiver.received).as("nothing that was not committed").allMatch(committed::contains);
      assertThat(new ArrayList<>(new LinkedHashSet<>(receiver.received))).as("every action, first seen in commit order")
          .isEqualTo(committed);
      assertThat(receiver.received.size() - committed.size()).as("at most the action in flight is repeated")
          .isLessThanOrEqualTo(1);
    }
  }
}
