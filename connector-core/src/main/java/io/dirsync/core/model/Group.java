package io.dirsync.core.model;

import java.util.Objects;

/**
 * A group. Identity is the source's immutable {@link #id()}; {@code name}, {@code email} and
 * {@code description} may be {@code null}.
 */
public record Group(String id, String name, String email, String description) {
  public Group {
    Objects.requireNonNull(id, "id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException("group id must not be empty");
    }
  }
}
