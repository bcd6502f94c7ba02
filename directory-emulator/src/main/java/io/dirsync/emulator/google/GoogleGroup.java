package io.dirsync.emulator.google;

import java.util.List;
import java.util.Objects;

/**
 * A group of the emulated domain. {@code id} is assigned by the emulator (15 characters of
 * {@code [0-9a-z]}, like Google's {@code 02dlolyb1jf220q}) and never changes.
 */
public record GoogleGroup(String id, String email, String name, String description, List<String> aliases,
    boolean adminCreated) {

  public GoogleGroup {
    Objects.requireNonNull(email, "email");
    aliases = aliases == null ? List.of() : List.copyOf(aliases);
  }

  public static GoogleGroup of(String email, String name, String description) {
    return new GoogleGroup(null, email, name, description, List.of(), true);
  }

  GoogleGroup withId(String newId) {
    return new GoogleGroup(newId, email, name, description, aliases, adminCreated);
  }

  public GoogleGroup withName(String newName) {
    return new GoogleGroup(id, email, newName, description, aliases, adminCreated);
  }

  public GoogleGroup withDescription(String newDescription) {
    return new GoogleGroup(id, email, name, newDescription, aliases, adminCreated);
  }
}
