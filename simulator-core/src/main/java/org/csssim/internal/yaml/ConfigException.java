package org.csssim.internal.yaml;

/**
 * A configuration that cannot be used. The message names the source (file or environment
 * variable), the line where there is one, the key and the reason, so a user can fix it
 * without reading our code.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
