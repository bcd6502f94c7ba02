package io.dirsync.daemon.config;

import java.nio.file.Path;

/** Where actions go. Each sink has a stable {@link #id()} that keys its delivery position. */
public sealed interface SinkConfig {

  String id();

  /**
   * Appends JSON lines to {@code path}, or writes them to standard output when {@code path} is {@code -}.
   */
  record Jsonl(String id, Path path, boolean stdout) implements SinkConfig {}

  /**
   * POSTs signed actions to {@code url}.
   *
   * @param secret the HMAC key of {@code Dirsync-Signature}
   * @param batchSize 1 (default): one action per request; more: a JSON array of up to that many
   * @param timeout connect, read and write timeout of one request
   */
  record Webhook(String id, String url, io.dirsync.core.spi.Secret secret, int batchSize, java.time.Duration timeout)
      implements SinkConfig {
    @Override
    public String toString() {
      return "Webhook[id=" + id + ", url=" + io.dirsync.core.action.WebhookSink.redact(url) + ", batchSize=" + batchSize + ", timeout=" + timeout + "]";
    }
  }
}
