package io.dirsync.core.diff;

/** One changed field of an update: {@code from} and {@code to} are JSON scalars or null. */
public record FieldChange(Object from, Object to) {}
