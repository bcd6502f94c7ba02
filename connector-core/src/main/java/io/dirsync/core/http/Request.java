package io.dirsync.core.http;

import io.dirsync.core.spi.ConnectorException;

/**
 * One attempt of one HTTP request (a page, a token call), its failure already classified by the
 * connector. The retry layer calls it again for a retry, so it must repeat exactly the same request
 * (the same next link), never restart a listing.
 *
 * @param <T> what the request reads
 */
@FunctionalInterface
public interface Request<T> {

  T run() throws ConnectorException, InterruptedException;
}
