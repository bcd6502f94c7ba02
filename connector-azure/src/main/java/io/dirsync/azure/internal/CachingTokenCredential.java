package io.dirsync.azure.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Keeps the access token until shortly before it expires (on the connector's clock), so one token
 * serves many pages. MSAL caches by itself only when the authority has the default port; with an
 * explicit port (proxies, emulators) it would fetch a token for every request. A token Graph
 * refuses is dropped with {@link #invalidate()}. Thread-safe.
 */
final class CachingTokenCredential implements TokenCredential {

  private static final Duration MARGIN = Duration.ofMinutes(5);

  private final TokenCredential delegate;
  private final Clock clock;
  private List<String> cachedScopes;
  private AccessToken cached;
  private Instant cachedUntil;

  CachingTokenCredential(TokenCredential delegate, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.fromCallable(() -> getTokenSync(request));
  }

  @Override
  public synchronized AccessToken getTokenSync(TokenRequestContext request) {
    boolean cacheable = request.getClaims() == null;
    if (cacheable && cached != null && request.getScopes().equals(cachedScopes)
        && clock.instant().plus(MARGIN).isBefore(cachedUntil)) {
      return cached;
    }
    AccessToken token = delegate.getTokenSync(request);
    if (cacheable) {
      // The token's lifetime, counted from now on the connector's clock (MSAL states its expiry in wall-clock time).
      cached = token;
      cachedUntil = clock.instant().plus(token.getDurationUntilExpiration());
      cachedScopes = List.copyOf(request.getScopes());
    }
    return token;
  }

  synchronized void invalidate() {
    cached = null;
  }
}
