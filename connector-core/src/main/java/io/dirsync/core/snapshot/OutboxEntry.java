package io.dirsync.core.snapshot;

/** A committed action waiting in (or delivered from) the outbox; {@code body} is its JSON. */
public record OutboxEntry(long seq, String id, String directory, String run, String type, String objectId,
    String at, String body) {}
