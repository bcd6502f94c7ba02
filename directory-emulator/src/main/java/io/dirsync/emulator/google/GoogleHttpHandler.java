package io.dirsync.emulator.google;

import io.dirsync.emulator.common.Gate;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request of the emulator: the journal, held gates, latency, the token endpoint, and for the
 * Directory API the checks a real request meets in this order — bearer token, API enabled, admin
 * subject, scope, quotas, scripted faults — before the listing itself.
 */
final class GoogleHttpHandler implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(GoogleHttpHandler.class);

  private final GoogleDirectory dir;
  private final DirectoryApi api;
  private final TokenService tokens;
  private final GoogleFaults faults;
  private final RequestJournal journal;
  private final Clock clock;
  private final Map<String, AtomicInteger> perMinute = new ConcurrentHashMap<>();

  GoogleHttpHandler(GoogleDirectory dir, DirectoryApi api, TokenService tokens, GoogleFaults faults,
      RequestJournal journal, Clock clock) {
    this.dir = dir;
    this.api = api;
    this.tokens = tokens;
    this.faults = faults;
    this.journal = journal;
    this.clock = clock;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    Instant at = clock.instant();
    String path = ex.getRequestURI().getPath();
    Map<String, String> query = parseForm(ex.getRequestURI().getRawQuery());
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    boolean isToken = path.equals("/token");
    DirectoryApi.Route route = isToken ? null : DirectoryApi.route(path);
    Resource resource = isToken ? Resource.TOKEN : route == null ? Resource.OTHER : route.resource();
    int inFlight = isToken ? 0 : journal.enter(resource);
    String subject = null;
    Response response;
    try {
      Optional<Gate> gate = faults.gate(resource);
      if (gate.isPresent()) {
        gate.get().pass();
      }
      long latency = faults.latency().toMillis();
      if (latency > 0) {
        Thread.sleep(latency);
      }
      if (isToken) {
        response = token(ex);
      } else {
        Optional<TokenService.Grant> grant = tokens.grant(authorization);
        subject = grant.map(TokenService.Grant::subject).orElse(null);
        response = api(ex.getRequestMethod(), route, query, grant, inFlight);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response = Response.error(GoogleError.BACKEND_ERROR_503);
    } catch (RuntimeException e) {
      LOG.warn("google emulator: {} {} failed", ex.getRequestMethod(), path, e);
      response = Response.error(GoogleError.BACKEND_ERROR_500);
    } finally {
      if (!isToken) {
        journal.leave(resource);
      }
    }
    Optional<Breakage> breakage = faults.takeBreakage(resource);
    journal.add(new RecordedRequest(at, ex.getRequestMethod(), resource, path, query, authorization, subject,
        breakage.filter(b -> b == Breakage.DROP_CONNECTION).map(b -> 0).orElse(response.status()),
        response.pageIndex()));
    if (breakage.isEmpty()) {
      send(ex, response);
    } else if (breakage.get() == Breakage.TRUNCATED_BODY) {
      String body = response.body();
      send(ex, new Response(200, body.substring(0, body.length() / 2), Map.of(), response.pageIndex()));
    } else {
      // closing an exchange that sent no headers closes the connection: no status line at all
      ex.close();
    }
  }

  private Response token(HttpExchange ex) throws IOException {
    if (!ex.getRequestMethod().equals("POST")) {
      return Response.error(GoogleError.TOKEN_UNSUPPORTED_GRANT);
    }
    Optional<Fault> fault = faults.takeNext(Resource.TOKEN);
    if (fault.isPresent()) {
      return Response.fault(fault.get(), -1);
    }
    String body;
    try (InputStream in = ex.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    TokenService.Outcome outcome = tokens.exchange(parseForm(body), sub -> dir.findUser(sub).isPresent());
    return outcome.error() != null ? Response.error(outcome.error()) : Response.ok(outcome.body(), -1);
  }

  private Response api(String method, DirectoryApi.Route route, Map<String, String> q,
      Optional<TokenService.Grant> grant, int inFlight) {
    if (route == null) {
      return new Response(404, "{\"error\":{\"code\":404,\"message\":\"Not Found\",\"errors\":[{\"message\":"
          + "\"Not Found\",\"domain\":\"global\",\"reason\":\"notFound\"}]}}", Map.of(), -1);
    }
    if (grant.isEmpty()) {
      return Response.error(GoogleError.AUTH_ERROR);
    }
    if (faults.apiDisabled()) {
      return Response.error(GoogleError.ACCESS_NOT_CONFIGURED);
    }
    String subject = grant.get().subject();
    boolean admin = subject != null && dir.findUser(subject).filter(u -> u.admin() && !u.suspended()).isPresent();
    if (!admin) {
      return Response.error(GoogleError.FORBIDDEN);
    }
    if (Collections.disjoint(grant.get().scopes(), route.scopes())) {
      return Response.error(GoogleError.INSUFFICIENT_PERMISSIONS);
    }
    if (!method.equals("GET")) {
      return Response.error(GoogleError.INSUFFICIENT_PERMISSIONS);
    }
    int quota = faults.quotaPerMinute();
    if (quota > 0) {
      String bucket = subject + "@" + clock.instant().truncatedTo(ChronoUnit.MINUTES);
      if (perMinute.computeIfAbsent(bucket, k -> new AtomicInteger()).incrementAndGet() > quota) {
        return Response.error(GoogleError.USER_RATE_LIMIT_EXCEEDED);
      }
    }
    int maxConcurrent = faults.maxConcurrentRequests();
    if (maxConcurrent > 0 && inFlight > maxConcurrent) {
      return Response.error(GoogleError.QUOTA_EXCEEDED);
    }
    Optional<Fault> fault = faults.takeNext(route.resource());
    if (fault.isPresent()) {
      return Response.fault(fault.get(), -1);
    }
    return api.handle(route, q);
  }

  private static void send(HttpExchange ex, Response r) throws IOException {
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    ex.getResponseHeaders().set("Vary", "Origin, X-Origin, Referer");
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.sendResponseHeaders(r.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> parseForm(String raw) {
    if (raw == null || raw.isEmpty()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return new HashMap<>(out);
  }
}
