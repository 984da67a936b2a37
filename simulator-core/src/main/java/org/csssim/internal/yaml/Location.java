package org.csssim.internal.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a data file lives: {@code classpath:...} (shipped in the jar) or a file path. Files
 * named inside a data file (a catalogue's schemas) are resolved against the folder it sits in,
 * in either world.
 */
public record Location(String value) {
  private static final String CLASSPATH = "classpath:";

  public static Location of(String value, Path baseDir) {
    if (value.startsWith(CLASSPATH)) {
      return new Location(value);
    }
    Path p = Path.of(value);
    return new Location((p.isAbsolute() ? p : baseDir.resolve(p)).toAbsolutePath().normalize().toString());
  }

  public boolean onClasspath() {
    return value.startsWith(CLASSPATH);
  }

  public Location sibling(String relative) {
    if (onClasspath()) {
      String path = value.substring(CLASSPATH.length());
      int slash = path.lastIndexOf('/');
      String dir = slash < 0 ? "" : path.substring(0, slash + 1);
      return new Location(CLASSPATH + URI.create(dir).resolve(relative).toString());
    }
    return new Location(Path.of(value).resolveSibling(relative).normalize().toString());
  }

  /** A reference written inside this file: {@code classpath:...} as it is, anything else relative to this file. */
  public Location resolve(String reference) {
    return reference.startsWith(CLASSPATH) ? new Location(reference) : sibling(reference);
  }

  /** A URI a JSON Schema library can load from and resolve relative {@code $ref}s against. */
  public URI uri() {
    if (onClasspath()) {
      var url = Location.class.getClassLoader().getResource(value.substring(CLASSPATH.length()));
      if (url == null) {
        throw new ConfigException(value + ": not found in the jar");
      }
      return URI.create(url.toString());
    }
    return Path.of(value).toUri();
  }

  public String read() {
    try (InputStream in = open()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(value + ": cannot read: " + e.getMessage(), e);
    }
  }

  private InputStream open() throws IOException {
    if (onClasspath()) {
      InputStream in = Location.class.getClassLoader().getResourceAsStream(value.substring(CLASSPATH.length()));
      if (in == null) {
        throw new IOException("not found in the jar");
      }
      return in;
    }
    return Files.newInputStream(Path.of(value));
  }

  @Override
  public String toString() {
    return value;
  }
}
