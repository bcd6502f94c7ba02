package io.dirsync.core.spi;

/**
 * Capability: list what changed since an opaque {@link Cursor} this connector handed out earlier.
 *
 * <p>The connector drains the whole round before returning its new cursor; the engine stores that
 * cursor only together with the run's commit. An expired or reset cursor is reported as
 * {@link ConnectorException.Kind#CURSOR_EXPIRED}; the engine then falls back to a full listing.
 */
public interface DeltaListing extends Connector {

  /**
   * @param since a cursor from an earlier {@link ListingResult#cursor()} or from this method
   * @return the cursor for the next round; never null
   */
  Cursor listChanges(Cursor since, DeltaSink sink) throws ConnectorException, InterruptedException;
}
