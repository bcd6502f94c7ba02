package io.dirsync.emulator.google;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Serves one page of a keyset-paged listing, applying the paging switches of {@link GoogleFaults}:
 * page caps, ragged pages, empty pages, failed pages, token expiry (3 days) and the 60-minute limit
 * of a listing.
 */
final class Listing {

  static final Duration TOKEN_LIFETIME = Duration.ofDays(3);
  static final Duration LISTING_LIMIT = Duration.ofMinutes(60);

  private final PageTokens tokens;
  private final GoogleFaults faults;
  private final Clock clock;

  Listing(PageTokens tokens, GoogleFaults faults, Clock clock) {
    this.tokens = tokens;
    this.faults = faults;
    this.clock = clock;
  }

  /**
   * @param fetch (afterKey, limit) → up to limit+1 objects after the key, in listing order
   * @param keyOf the sort key of an object, as {@code fetch} understands it
   */
  <T> Response page(Resource resource, Map<String, String> params, int maxResults,
      BiFunction<String, Integer, List<T>> fetch, Function<T, String> keyOf, Function<T, ObjectNode> render,
      String kind, String itemsKey) {
    Instant now = clock.instant();
    PageTokens.Position pos;
    String token = params.get("pageToken");
    if (token == null || token.isEmpty()) {
      pos = new PageTokens.Position(null, 0, now, now);
    } else {
      Optional<PageTokens.Position> read = tokens.read(resource, params, token);
      if (read.isEmpty() || read.get().issuedAt().plus(TOKEN_LIFETIME).isBefore(now)) {
        return Response.error(GoogleError.INVALID_PAGE_TOKEN);
      }
      pos = read.get();
      if (pos.listStart().plus(LISTING_LIMIT).isBefore(now)) {
        return withPage(Response.error(GoogleError.BACKEND_ERROR_503), pos.pageIndex());
      }
    }
    int index = pos.pageIndex();
    Optional<Fault> fault = faults.pageFault(resource, index);
    if (fault.isPresent()) {
      return Response.fault(fault.get(), index);
    }
    int size = faults.pageSizeCap() > 0 ? Math.min(maxResults, faults.pageSizeCap()) : maxResults;
    if (faults.raggedPages() && index % 2 == 1) {
      size = Math.max(1, size / 2);
    }
    List<ObjectNode> items;
    String next = null;
    if (faults.emptyPages() && index % 3 == 1) {
      items = List.of();
      if (!fetch.apply(pos.afterKey(), 0).isEmpty()) {
        next = tokens.issue(resource, params, pos.afterKey(), index + 1, pos.listStart(), now);
      }
    } else {
      List<T> found = fetch.apply(pos.afterKey(), size);
      boolean more = found.size() > size;
      List<T> served = more ? found.subList(0, size) : found;
      items = served.stream().map(render).toList();
      if (more || (faults.emptyPages() && !served.isEmpty())) {
        String last = served.isEmpty() ? pos.afterKey() : keyOf.apply(served.get(served.size() - 1));
        next = tokens.issue(resource, params, last, index + 1, pos.listStart(), now);
      }
    }
    return Response.ok(GoogleJson.list(kind, itemsKey, items, next), index);
  }

  private static Response withPage(Response r, int index) {
    return new Response(r.status(), r.body(), r.headers(), index);
  }
}
