package io.dirsync.azure.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.kiota.RequestInformation;
import io.dirsync.core.spi.ConnectorException;
import java.util.function.Function;

/** Follows {@code @odata.nextLink}s verbatim from a first request to the last page. */
final class Pager {

  /** Receives each page in order. */
  interface PageHandler {
    void page(JsonNode page, int index) throws ConnectorException, InterruptedException;
  }

  private static final int MAX_PAGES = 1_000_000;

  private final GraphReader reader;

  Pager(GraphReader reader) {
    this.reader = reader;
  }

  /**
   * @param next builds the request for a next link (same headers as the first one, e.g.
   *     {@code ConsistencyLevel}, which Graph does not carry into links)
   * @return the {@code @odata.deltaLink} of the last page, or null when it has none
   */
  String drain(RequestInformation first, Function<String, RequestInformation> next, String what,
      PageHandler handler) throws ConnectorException, InterruptedException {
    RequestInformation request = first;
    String previousLink = null;
    for (int index = 0; index < MAX_PAGES; index++) {
      JsonNode page = reader.page(request, what + " page " + (index + 1));
      handler.page(page, index);
      String nextLink = page.path("@odata.nextLink").asText(null);
      if (nextLink == null) {
        return page.path("@odata.deltaLink").asText(null);
      }
      if (nextLink.equals(previousLink)) {
        throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph returned the same next link twice for "
            + what + "; stopping instead of looping");
      }
      previousLink = nextLink;
      request = next.apply(nextLink);
    }
    throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "more than " + MAX_PAGES + " pages of " + what);
  }
}
