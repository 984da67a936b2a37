package org.csssim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Files a test prepares: a copy of a pack or a data directory it can change without touching the original. */
public final class TestFiles {
  private TestFiles() {}

  /** Copies the tree at {@code from} into {@code to} (made if need be); returns {@code to}. */
  public static Path copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }
}
