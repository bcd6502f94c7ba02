package io.dirsync.daemon.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dirsync.core.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} (200 or 503 with a JSON body per directory) and {@code GET /metrics}
 * (Prometheus text format) on the JDK's HTTP server, one worker thread. No authentication: bind it
 * to loopback (the default) or a management network.
 */
public final class HttpEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static HttpEndpoint start(String address, int port, Supplier<String> metrics,
      Supplier<List<Health.Directory>> health) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(address, port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address + ":" + port + " (daemon.http): " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "dirsync-http");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", ex -> {
      if (get(ex)) {
        send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get());
      }
    });
    server.createContext("/healthz", ex -> {
      if (get(ex)) {
        List<Health.Directory> dirs = health.get();
        boolean ok = dirs.stream().allMatch(Health.Directory::healthy);
        send(ex, ok ? 200 : 503, "application/json", body(ok, dirs));
      }
    });
    server.start();
    return new HttpEndpoint(server, executor);
  }

  private static boolean get(HttpExchange ex) throws IOException {
    if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
      ex.getResponseHeaders().add("Allow", "GET, HEAD");
      send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
      return false;
    }
    String path = ex.getRequestURI().getPath();
    if (!path.equals(ex.getHttpContext().getPath())) {
      send(ex, 404, "text/plain; charset=utf-8", "not found\n");
      return false;
    }
    return true;
  }

  private static String body(boolean ok, List<Health.Directory> dirs) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("status", ok ? "ok" : "failing");
    ArrayNode list = root.putArray("directories");
    for (Health.Directory d : dirs) {
      ObjectNode o = list.addObject();
      o.put("id", d.id());
      o.put("healthy", d.healthy());
      o.put("lastOutcome", d.lastOutcome());
      o.put("lastSuccess", d.lastSuccess() == null ? null : d.lastSuccess().toString());
      o.put("stale", d.stale());
    }
    return Json.write(root) + "\n";
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    boolean head = "HEAD".equals(ex.getRequestMethod());
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
