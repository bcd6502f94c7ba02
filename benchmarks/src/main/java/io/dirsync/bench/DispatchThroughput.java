package io.dirsync.bench;

import com.sun.net.httpserver.HttpServer;
import io.dirsync.core.action.ActionSink;
import io.dirsync.core.action.Dispatcher;
import io.dirsync.core.action.JsonlSink;
import io.dirsync.core.action.WebhookSink;
import io.dirsync.core.engine.RunOptions;
import io.dirsync.core.engine.SafetyPolicy;
import io.dirsync.core.engine.SyncEngine;
import io.dirsync.core.model.User;
import io.dirsync.core.snapshot.sqlite.StateDatabase;
import io.dirsync.core.snapshot.sqlite.StateStore;
import io.dirsync.core.spi.FullListing;
import io.dirsync.core.spi.ListingResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.OkHttpClient;

/**
 * Dispatch throughput: N committed actions delivered from the outbox to a local receiver (a JDK
 * HTTP server on 127.0.0.1 answering 200 at once) by the webhook sink, one action per request and
 * in batches, and to a jsonl file. Usage: {@code DispatchThroughput [actions]}.
 */
public final class DispatchThroughput {

  private DispatchThroughput() {
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path dir = Files.createTempDirectory("dirsync-dispatch-");
    StateStore store = new StateStore(StateDatabase.open(dir.resolve("state.db")));
    List<User> users = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      users.add(new User(String.format("u%08d", i), "user" + i + "@bench.example", "user" + i + "@bench.example",
          "Given" + i, "Family" + i, "Given" + i + " Family" + i, true, "Dept", "Title", null, null, Map.of()));
    }
    FullListing listing = sink -> {
      for (int from = 0; from < users.size(); from += 999) {
        sink.users(users.subList(from, Math.min(users.size(), from + 999)));
      }
      return ListingResult.complete(null);
    };
    new SyncEngine(store, Clock.systemUTC()).run("bench", listing, new SafetyPolicy(n, 100), new RunOptions(true, false, true));

    AtomicLong received = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/hook", ex -> {
      ex.getRequestBody().readAllBytes();
      received.incrementAndGet();
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    var pool = Executors.newFixedThreadPool(2);
    server.setExecutor(pool);
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();
    byte[] secret = "bench-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    try {
      measure(store, n, new WebhookSink("webhook-1", url, secret, 1, http, Clock.systemUTC()), "webhook, batchSize 1");
      measure(store, n, new WebhookSink("webhook-100", url, secret, 100, http, Clock.systemUTC()), "webhook, batchSize 100");
      measure(store, n, JsonlSink.toFile("jsonl", dir.resolve("actions.jsonl")), "jsonl file (fsync per batch of 500)");
    } finally {
      server.stop(0);
      pool.shutdownNow();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    System.out.printf(Locale.ROOT, "receiver got %,d requests%n", received.get());
  }

  private static void measure(StateStore store, int n, ActionSink sink, String what) throws IOException {
    long start = System.nanoTime();
    Dispatcher.Result r = new Dispatcher(store, Clock.systemUTC()).deliverAll(List.of(sink));
    double s = (System.nanoTime() - start) / 1e9;
    if (r.delivered() != n || !r.complete()) {
      throw new IllegalStateException(what + ": delivered " + r.delivered() + " of " + n + ", failed " + r.failedSinks());
    }
    System.out.printf(Locale.ROOT, "%-40s %,d actions in %.2f s = %,.0f actions/s%n", what, n, s, n / s);
  }
}
