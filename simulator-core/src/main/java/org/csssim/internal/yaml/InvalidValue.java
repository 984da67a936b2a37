package org.csssim.internal.yaml;

/**
 * Thrown by a configuration record's constructor when a value is out of range. {@code key} is
 * relative to the record being built (for example {@code port} or {@code parties/2/mpid});
 * the loader turns it into file:line:key.
 */
public final class InvalidValue extends IllegalArgumentException {
  private final String key;

  public InvalidValue(String key, String message) {
    super(message);
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static void require(boolean condition, String key, String message) {
    if (!condition) {
      throw new InvalidValue(key, message);
    }
  }
}
