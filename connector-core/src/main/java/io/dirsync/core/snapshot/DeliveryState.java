package io.dirsync.core.snapshot;

import java.time.Instant;

/**
 * Where one sink stands in one directory's queue.
 *
 * @param seq every action of the directory up to this outbox sequence number was delivered
 * @param attempts failed attempts since the last success
 * @param nextAttemptAt when to try again after a retryable failure, or null
 * @param lastError the last failure, for operators
 * @param parkedSeq the action the receiver refused for good (a 4xx); the queue waits for an operator
 */
public record DeliveryState(String sink, String directory, long seq, int attempts, Instant nextAttemptAt,
    String lastError, Long parkedSeq) {

  public boolean parked() {
    return parkedSeq != null;
  }
}
