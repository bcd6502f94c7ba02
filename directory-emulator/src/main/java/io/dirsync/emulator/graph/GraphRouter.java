package io.dirsync.emulator.graph;

import io.dirsync.emulator.common.Gate;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches each HTTPS request: the token endpoint, then for Graph calls the bearer check, the
 * global fault switches and the resource routes. Every request goes to the journal.
 */
final class GraphRouter implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(GraphRouter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE =
      "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
  private static final Pattern TOKEN = Pattern.compile("^/([^/]+)/oauth2/v2\\.0/token$");
  private static final Pattern OIDC = Pattern.compile("^/([^/]+)/v2\\.0/\\.well-known/openid-configuration$");
  private static final Pattern DELTA = Pattern.compile("^/v1\\.0/(users|groups)/(delta|microsoft\\.graph\\.delta)(\\(\\))?$");
  private static final Pattern MEMBERS = Pattern.compile("^/v1\\.0/groups/([^/]+)/(members|transitiveMembers)$");
  private static final Pattern ONE = Pattern.compile("^/v1\\.0/(users|groups)/([^/]+)$");
  private static final List<String> HEADERS_OF_INTEREST =
      List.of("ConsistencyLevel", "Prefer", "x-ms-throttle-priority", "client-request-id");

  private final EmulatorClock clock;
  private final GraphErrors errors;
  private final GraphFaults faults;
  private final RequestJournal journal;
  private final TokenEndpoint tokens;
  private final ListEndpoints lists;
  private final DeltaEndpoints deltas;
  private final GraphDirectory directory;
  private final ResourceUnitBucket resourceUnits;
  private volatile String origin;

  GraphRouter(EmulatorClock clock, GraphErrors errors, GraphFaults faults, RequestJournal journal,
      TokenEndpoint tokens, ListEndpoints lists, DeltaEndpoints deltas, GraphDirectory directory,
      ResourceUnitBucket resourceUnits) {
    this.clock = clock;
    this.errors = errors;
    this.faults = faults;
    this.journal = journal;
    this.tokens = tokens;
    this.lists = lists;
    this.deltas = deltas;
    this.directory = directory;
    this.resourceUnits = resourceUnits;
  }

  void origin(String origin) {
    this.origin = origin;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      GraphQuery query = GraphQuery.parse(rawQuery);
      Map<String, String> headers = new LinkedHashMap<>();
      for (String h : HEADERS_OF_INTEREST) {
        String v = exchange.getRequestHeaders().getFirst(h);
        if (v != null) {
          headers.put(h, v);
        }
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      boolean graph = path.startsWith("/v1.0/");
      GraphFaults.Planned planned = null;
      GraphResponse response;
      if (graph) {
        journal.enter();
      }
      try {
        Gate gate = graph ? faults.gate(resourceOf(path)) : null;
        if (gate != null) {
          gate.pass();
        }
        pause(faults.latency());
        if (graph) {
          pause(faults.takeSlow());
          planned = faults.takePlanned();
        }
        response = dispatch(method, path, query, headers, authorization, body, planned);
      } catch (GraphErrors.Failure f) {
        response = f.response;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        response = errors.serverError(503);
      } catch (RuntimeException e) {
        LOG.warn("emulator failed on {} {}", method, path, e);
        response = errors.serverError(500);
      } finally {
        if (graph) {
          journal.leave();
        }
      }
      journal.record(new GraphRequest(clock.instant(), method, path, rawQuery, Map.copyOf(query.all()),
          authorization == null ? null : authorization.split(" ", 2)[0], Map.copyOf(headers), response.status()));
      GraphFaults.BodyFault bodyFault = response.status() != 200 || !graph
          ? GraphFaults.BodyFault.NONE
          : planned != null && planned.body() != GraphFaults.BodyFault.NONE ? planned.body() : faults.takeBodyFault();
      write(exchange, response, headers.get("client-request-id"), bodyFault);
    }
  }

  /** The resource name of a Graph path, as {@link GraphFaults} names them ({@code members}, {@code users/delta}, …). */
  static String resourceOf(String path) {
    if (path.equals("/v1.0/users") || path.equals("/v1.0/groups")) {
      return path.substring("/v1.0/".length());
    }
    Matcher m = DELTA.matcher(path);
    if (m.matches()) {
      return m.group(1) + "/delta";
    }
    if (MEMBERS.matcher(path).matches()) {
      return "members";
    }
    m = ONE.matcher(path);
    if (m.matches()) {
      return m.group(1).equals("users") ? "user" : "group";
    }
    return path;
  }

  private GraphResponse dispatch(String method, String path, GraphQuery q, Map<String, String> headers,
      String authorization, String body, GraphFaults.Planned planned) {
    Matcher m = TOKEN.matcher(path);
    if (m.matches()) {
      if (!method.equals("POST")) {
        return errors.odata(405, "MethodNotAllowed", "The token endpoint accepts POST only.");
      }
      int failure = faults.takeTokenFailure();
      if (failure != 0) {
        return errors.aad(failure, "temporarily_unavailable", 50166, "The service is temporarily unavailable.");
      }
      return tokens.token(m.group(1), body);
    }
    m = OIDC.matcher(path);
    if (m.matches()) {
      String base = origin + "/" + m.group(1);
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("token_endpoint", base + "/oauth2/v2.0/token");
      doc.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
      doc.put("issuer", base + "/v2.0");
      doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt"));
      return GraphResponse.ok(doc);
    }
    if (!path.startsWith("/v1.0/")) {
      return errors.odata(404, "NotFound", "No route for " + path + ".");
    }
    if (!tokens.authorized(authorization)) {
      return GraphErrors.invalidToken();
    }
    if (planned != null && planned.status() == 429) {
      return errors.throttled(planned.retryAfter());
    }
    if (planned != null && planned.status() != 0) {
      return errors.serverError(planned.status());
    }
    String retryAfter = faults.takeThrottle();
    if (retryAfter != null) {
      return errors.throttled(retryAfter.isEmpty() ? null : retryAfter);
    }
    int failure = faults.takeFailure();
    if (failure != 0) {
      return errors.serverError(failure);
    }
    if (!method.equals("GET")) {
      return errors.odata(405, "Request_BadRequest", "The emulator is read-only: " + method + " is not supported.");
    }
    return charged(path, q, headers);
  }

  /** The route's answer, charged against the resource-unit budget when there is one; Graph's 429 when it is spent. */
  private GraphResponse charged(String path, GraphQuery q, Map<String, String> headers) {
    ResourceUnitBucket.Charge charge = resourceUnits.charge(faults.resourceUnitsPer10s(),
        ResourceUnitBucket.cost(path, q));
    if (charge == null) {
      return route(path, q, headers);
    }
    GraphResponse response;
    if (charge.throttled()) {
      response = errors.throttled(String.valueOf(charge.retryAfter().toSeconds()))
          .withHeader("x-ms-throttle-scope", resourceUnits.scope())
          .withHeader("x-ms-throttle-information", "ResourceUnitLimitExceeded");
    } else {
      try {
        response = route(path, q, headers);
      } catch (GraphErrors.Failure f) {
        response = f.response;
      }
    }
    response = response.withHeader("x-ms-resource-unit", String.valueOf(charge.cost()));
    if (charge.usedFraction() > 0.8) {
      response = response.withHeader("x-ms-throttle-limit-percentage",
          String.format(java.util.Locale.ROOT, "%.1f", Math.min(1.8, charge.usedFraction())));
    }
    return response;
  }

  private GraphResponse route(String path, GraphQuery q, Map<String, String> headers) {
    if (path.equals("/v1.0/users")) {
      return lists.list(origin, path, "users", null, false, q, headers);
    }
    if (path.equals("/v1.0/users/$count") || path.equals("/v1.0/users/%24count")) {
      return count(headers);
    }
    if (path.equals("/v1.0/groups")) {
      return lists.list(origin, path, "groups", null, false, q, headers);
    }
    Matcher m = DELTA.matcher(path);
    if (m.matches()) {
      return deltas.delta(origin, m.group(1), path, q, headers);
    }
    m = MEMBERS.matcher(path);
    if (m.matches()) {
      return lists.list(origin, path, "members", m.group(1), m.group(2).equals("transitiveMembers"), q, headers);
    }
    m = ONE.matcher(path);
    if (m.matches()) {
      return one(m.group(1), m.group(2), q);
    }
    String segment = path.substring("/v1.0/".length());
    return errors.odata(400, "BadRequest", "Resource not found for the segment '" + segment + "'.");
  }

  /** {@code /users/$count}: only as an advanced query; a plain-text number (here a JSON number). */
  private GraphResponse count(Map<String, String> headers) {
    if (!"eventual".equalsIgnoreCase(headers.get("ConsistencyLevel"))) {
      return errors.odata(400, "Request_BadRequest", "$count is not currently supported.");
    }
    return GraphResponse.ok(directory.liveIds(GraphObject.Kind.USER).size());
  }

  private GraphResponse one(String resource, String id, GraphQuery q) {
    synchronized (directory) {
      GraphObject o = directory.find(id);
      GraphObject.Kind kind = resource.equals("users") ? GraphObject.Kind.USER : GraphObject.Kind.GROUP;
      if (o == null && kind == GraphObject.Kind.USER) {
        for (GraphObject c : directory.all()) {
          if (c.kind == kind && c.active() && id.equalsIgnoreCase(c.string("userPrincipalName"))) {
            o = c;
          }
        }
      }
      if (o == null || !o.active() || o.kind != kind) {
        return errors.odata(404, "Request_ResourceNotFound", "Resource '" + id
            + "' does not exist or one of its queried reference-property objects are not present.");
      }
      List<String> props = q.select() != null ? q.select()
          : kind == GraphObject.Kind.USER ? GraphSchema.USER_DEFAULTS : GraphSchema.GROUP_DEFAULTS;
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("@odata.context", origin + "/v1.0/$metadata#" + resource + "/$entity");
      body.putAll(GraphSchema.listItem(o, props));
      return GraphResponse.ok(body);
    }
  }

  private void write(HttpExchange exchange, GraphResponse response, String clientRequestId,
      GraphFaults.BodyFault fault) throws IOException {
    byte[] bytes = response.body() == null ? new byte[0] : JSON.writeValueAsBytes(response.body());
    int announced = bytes.length;
    if (fault == GraphFaults.BodyFault.TRUNCATED_JSON) {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
      announced = bytes.length;
    } else if (fault == GraphFaults.BodyFault.CONNECTION_DROPPED) {
      bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    }
    var h = exchange.getResponseHeaders();
    if (response.body() != null) {
      h.set("Content-Type", JSON_TYPE);
    }
    String requestId = UUID.randomUUID().toString();
    h.set("request-id", requestId);
    h.set("client-request-id", clientRequestId == null ? requestId : clientRequestId);
    h.set("OData-Version", "4.0");
    response.headers().forEach(h::set);
    exchange.sendResponseHeaders(response.status(), announced == 0 ? -1 : announced);
    if (announced > 0) {
      // With fewer bytes than announced, closing the stream fails and the server drops the connection.
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
        out.flush();
      }
    }
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
