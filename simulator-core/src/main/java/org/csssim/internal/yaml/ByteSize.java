package org.csssim.internal.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size written as bytes or with a unit: {@code 1048576}, {@code 512KiB}, {@code 1MiB}, {@code 2MB}. */
public record ByteSize(long bytes) {
  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?");

  public ByteSize {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a size must be positive");
    }
  }

  @JsonCreator
  public static ByteSize parse(Object value) {
    if (value instanceof Number n) {
      return new ByteSize(n.longValue());
    }
    Matcher m = FORM.matcher(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + value + "' is not a size (examples: 1048576, 512KiB, 1MiB)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2);
    long factor = switch (unit) {
      case "kb" -> 1000L;
      case "kib" -> 1024L;
      case "mb" -> 1000L * 1000;
      case "mib" -> 1024L * 1024;
      case "gb" -> 1000L * 1000 * 1000;
      case "gib" -> 1024L * 1024 * 1024;
      default -> 1L;
    };
    return new ByteSize(n * factor);
  }

  @JsonValue
  public long toJson() {
    return bytes;
  }
}
