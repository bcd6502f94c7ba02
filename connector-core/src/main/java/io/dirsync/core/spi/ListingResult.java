package io.dirsync.core.spi;

/**
 * The end of a full listing.
 *
 * @param complete true only if every page of every object kind was read to the end; an incomplete
 *     listing never produces deactivations (the engine fails the run)
 * @param cursor where the next delta round starts, or {@code null} when the connector has no delta
 *     capability or could not obtain one
 */
public record ListingResult(boolean complete, Cursor cursor) {

  public static ListingResult complete(Cursor cursor) {
    return new ListingResult(true, cursor);
  }
}
