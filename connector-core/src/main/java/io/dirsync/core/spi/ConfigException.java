package io.dirsync.core.spi;

/**
 * A configuration value that cannot work. Thrown from the compact constructors of config records;
 * the loader prefixes {@link #key()} with the path of the record in the file and names the file,
 * so the operator reads e.g. {@code dirsync.yaml: directories[0].tenantId: must be a GUID}.
 */
public class ConfigException extends RuntimeException {

  private final String key;

  /**
   * @param key the key relative to the record being validated ({@code tenantId},
   *     {@code endpoints.graph}); empty for the record itself
   * @param message what is wrong, never the value when the key holds a secret
   */
  public ConfigException(String key, String message) {
    super(message);
    this.key = key == null ? "" : key;
  }

  public String key() {
    return key;
  }

  /** Throws a {@link ConfigException} for {@code key} when {@code value} is null or blank. */
  public static String require(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(key, "is required");
    }
    return value;
  }
}
