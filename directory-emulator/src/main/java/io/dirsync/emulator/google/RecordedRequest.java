package io.dirsync.emulator.google;

import java.time.Instant;
import java.util.Map;

/**
 * One request the emulator answered, as the journal keeps it.
 *
 * @param at when it arrived, on the emulator's clock
 * @param query the decoded query parameters (the last value of a repeated one)
 * @param authorization the {@code Authorization} header as sent, or null
 * @param subject the delegated admin the bearer token was issued for, or null
 * @param status the HTTP status answered
 * @param pageIndex the 0-based page of the listing this request read, or -1
 */
public record RecordedRequest(Instant at, String method, Resource resource, String path, Map<String, String> query,
    String authorization, String subject, int status, int pageIndex) {

  public RecordedRequest {
    query = Map.copyOf(query);
  }

  public String param(String name) {
    return query.get(name);
  }
}
