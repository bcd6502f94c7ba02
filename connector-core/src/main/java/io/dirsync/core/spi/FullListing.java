package io.dirsync.core.spi;

/**
 * Capability: list everything in the directory (in the configured scope).
 *
 * <p>Pages are pushed to the sink as they arrive and must not be buffered whole. The call returns
 * only when every page of every listing was read to its end; the returned
 * {@link ListingResult#complete()} says whether the listing is known to be complete. Any failure
 * is thrown as a {@link ConnectorException} and the engine then commits nothing: a listing that
 * stopped on page 37 of 40 is never diffed as if it were whole.
 */
public interface FullListing extends Connector {

  ListingResult listAll(FullListingSink sink) throws ConnectorException, InterruptedException;
}
