package org.csssim.internal.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept in the data directory once and loaded from there. The driver
 * otherwise copies it out of its jar into the temporary directory at every start: 1.1 MB
 * inflated and written (alone, time to a first connection 295 to 405 ms, against 134 to 203 ms
 * with the library in place; in a start, the store phase about 90 ms shorter, performance.md).
 * The copy's folder is named by the driver's version and the platform, so an upgrade or another
 * platform gets its own; it is written under a temporary name and moved into place, so a start
 * killed half-way leaves no partial library. If the copy cannot be made or loaded (tried: a
 * file of garbage in its place), the driver falls back to its own extraction, so this never
 * stops a start. A user's own {@code org.sqlite.lib.path} is left alone.
 */
final class SqliteNative {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);
  static final String PATH_PROPERTY = "org.sqlite.lib.path";

  private SqliteNative() {}

  /** Points the driver at a copy of its library under {@code dir}, made now if need be. */
  static synchronized void useCopyIn(Path dir) {
    if (System.getProperty(PATH_PROPERTY) != null) {
      return;
    }
    try {
      Path copy = copyIn(dir);
      if (copy != null) {
        System.setProperty(PATH_PROPERTY, copy.getParent().toString());
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("store: SQLite's native library is not kept in {} ({}); the driver extracts it itself", dir, e.toString());
    }
  }

  /** The library's copy under {@code dir}, written if it is not there whole; null if the driver's jar has none for this platform. */
  static Path copyIn(Path dir) throws IOException {
    String folder = LibraryLoaderUtil.getNativeLibResourcePath();
    String name = LibraryLoaderUtil.getNativeLibName();
    URL resource = SQLiteJDBCLoader.class.getResource(folder + "/" + name);
    if (resource == null) {
      return null;
    }
    long size = resource.openConnection().getContentLengthLong();
    Path copy = dir.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + folder.replace("/org/sqlite/native", ""))
        .resolve(name);
    if (Files.isRegularFile(copy) && (size < 0 || Files.size(copy) == size)) {
      return copy;
    }
    Files.createDirectories(copy.getParent());
    Path partial = Files.createTempFile(copy.getParent(), name, ".partial");
    try (InputStream in = resource.openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return copy;
  }
}
