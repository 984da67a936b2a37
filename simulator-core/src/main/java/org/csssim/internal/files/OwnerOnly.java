package org.csssim.internal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Directories and files only the simulator's user may read: the store (full message bodies),
 * journal archives, the test PKI's private keys and the admin token. The process's umask
 * would leave them readable by anyone on a shared host. On a file system without POSIX
 * permissions (Windows) nothing is changed and the directory's own protection applies.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {}

  /** Creates {@code dir} (and its parents) if missing and makes {@code dir} itself owner-only. */
  public static Path directory(Path dir) throws IOException {
    Files.createDirectories(dir);
    set(dir, DIRECTORY);
    return dir;
  }

  /** Makes {@code file} owner-only (rw-------). */
  public static void file(Path file) throws IOException {
    set(file, FILE);
  }

  /** Makes every file directly in {@code dir} owner-only: files another library created there (a database's). */
  public static void filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          file(f);
        }
      }
    }
  }

  private static void set(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException notPosix) {
      // Windows: ACLs inherited from the directory apply
    }
  }
}
