package io.dirsync.emulator.graph;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opaque, unguessable tokens (skip tokens, delta tokens, access tokens) mapped to server-side
 * state, bounded so a long-running emulator does not grow without end (the eldest are forgotten,
 * which a client then sees as an unknown token). Thread-safe.
 */
final class TokenStore<T> {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String prefix;
  private final Map<String, T> states;

  TokenStore(String prefix, int capacity) {
    this.prefix = prefix;
    this.states = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized String issue(T state) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    states.put(token, state);
    return token;
  }

  synchronized void clear() {
    states.clear();
  }

  synchronized T find(String token) {
    return token == null ? null : states.get(token);
  }
}
