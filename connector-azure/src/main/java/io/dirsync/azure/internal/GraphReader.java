package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import io.dirsync.core.spi.ConnectorException;
import java.io.InputStream;
import java.util.HashMap;

/**
 * Sends one request built with the SDK's request builders through the SDK's request adapter
 * (authentication, middleware, {@link ODataError} on failure) and reads the page as JSON.
 *
 * <p>Pages are read as JSON rather than as the SDK's typed models because the models cannot tell
 * a property sent as explicit {@code null} from one omitted (Kiota drops JSON nulls on parse), and
 * a delta round must: an omitted property is unchanged, a null one was cleared. A page without
 * {@code value} is refused here, so it can never pass for an empty page.
 */
public final class GraphReader {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HashMap<String, ParsableFactory<? extends Parsable>> ERRORS = new HashMap<>();

  static {
    ERRORS.put("XXX", ODataError::createFromDiscriminatorValue);
  }

  private final GraphServiceClient graph;
  private final GraphErrorClassifier classifier;
  private final RequestPolicy policy;
  private final Runnable onUnauthorized;

  /** @param onUnauthorized called when Graph answers 401, so the next attempt gets a fresh token */
  public GraphReader(GraphServiceClient graph, GraphErrorClassifier classifier, RequestPolicy policy,
      Runnable onUnauthorized) {
    this.graph = graph;
    this.classifier = classifier;
    this.policy = policy;
    this.onUnauthorized = onUnauthorized;
  }

  public GraphServiceClient graph() {
    return graph;
  }

  /** Reads one collection page; fails unless it has a {@code value} array. */
  public JsonNode page(RequestInformation request, String what) throws ConnectorException, InterruptedException {
    return policy.execute(what, GraphCosts.resourceUnits(request), () -> {
      JsonNode page = once(request, what);
      if (!page.path("value").isArray()) {
        throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph returned a malformed page of " + what
            + " (no value array); the listing is not complete");
      }
      return page;
    });
  }

  /** Reads one JSON object (a single resource, or a delta start without {@code value} check). */
  public JsonNode read(RequestInformation request, String what) throws ConnectorException, InterruptedException {
    return policy.execute(what, GraphCosts.resourceUnits(request), () -> once(request, what));
  }

  private JsonNode once(RequestInformation request, String what) throws ConnectorException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before reading " + what);
    }
    try (InputStream in = graph.getRequestAdapter().sendPrimitive(request, ERRORS, InputStream.class)) {
      if (in == null) {
        throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph returned an empty body for " + what);
      }
      JsonNode node = JSON.readTree(in);
      if (node == null || !node.isObject()) {
        throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph returned a body that is not a JSON object for " + what);
      }
      return node;
    } catch (ConnectorException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof com.microsoft.kiota.ApiException api && api.getResponseStatusCode() == 401) {
        onUnauthorized.run();
      }
      throw classifier.classify(e, what);
    }
  }
}
