package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** SQLite's native library is copied into the data directory once, whole, and kept. */
class SqliteNativeTest {
  @TempDir
  Path dir;

  @Test
  void theLibraryIsCopiedWholeOnceAndATruncatedCopyIsReplaced() throws Exception {
    Path copy = SqliteNative.copyIn(dir);
    assertNotNull(copy, "the driver's jar has a library for this platform");
    assertTrue(copy.startsWith(dir.resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())), copy.toString());
    assertArrayEquals(jarsCopy(), Files.readAllBytes(copy), "the library as the driver's jar holds it");

    FileTime old = FileTime.fromMillis(0);
    Files.setLastModifiedTime(copy, old);
    assertEquals(copy, SqliteNative.copyIn(dir));
    assertEquals(old, Files.getLastModifiedTime(copy), "a whole copy is kept, not written again");

    Files.write(copy, new byte[100]);   // as a copy cut short would be, had it been written in place
    SqliteNative.copyIn(dir);
    assertArrayEquals(jarsCopy(), Files.readAllBytes(copy), "a copy of the wrong size is written again");
    try (Stream<Path> files = Files.list(copy.getParent())) {
      assertEquals(1, files.count(), "no partial file is left beside it");
    }
  }

  private static byte[] jarsCopy() throws Exception {
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
    try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }
}
