package io.dirsync.google;

import io.dirsync.core.spi.ConnectorException;

/**
 * The end of a listing is a page without {@code nextPageToken}, and nothing else: not a page
 * shorter than {@code maxResults}, not a page without items (Google leaves the list key out of an
 * empty page that may well be followed by more).
 */
final class Paging {

  private Paging() {
  }

  /** The token of the next page, or null at the end; a token repeated verbatim would loop forever. */
  static String next(String current, String next, String operation) throws ConnectorException {
    if (next == null || next.isEmpty()) {
      return null;
    }
    if (next.equals(current)) {
      throw new ConnectorException(ConnectorException.Kind.TRANSIENT, operation
          + ": the API returned the same page token again; the listing would never end");
    }
    return next;
  }
}
