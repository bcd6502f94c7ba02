package io.dirsync.core.spi;

import java.util.Objects;

/**
 * A credential read from configuration. {@link #toString()} never shows it, so a secret that ends
 * up in a log line, an exception message or a config dump prints as {@code ****}. Only the code
 * that hands it to an SDK calls {@link #reveal()}.
 */
public final class Secret {

  private final String value;

  public Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public String reveal() {
    return value;
  }

  public boolean isBlank() {
    return value.isBlank();
  }

  @Override
  public String toString() {
    return "****";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
