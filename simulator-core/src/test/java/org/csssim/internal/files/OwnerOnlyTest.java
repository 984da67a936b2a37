package org.csssim.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * A fresh data directory, in a directory anyone may read, as the simulator leaves it: the store,
 * the test PKI and the admin token readable by the simulator's user only.
 */
class OwnerOnlyTest {
  private static String permissions(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void theStoreThePkiAndTheTokenAreTheOwnersOnly() throws Exception {
    Path open = Files.createTempDirectory("world-readable");
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dataDir = open.resolve("data");
    try (Harness h = Harness.start(dataDir, c -> c)) {
      assertFalse(h.sim.store().status().kind().equals("memory"), "the default store is on disk");
      Path store = dataDir.resolve("store");
      assertEquals("rwx------", permissions(store));
      try (Stream<Path> files = Files.list(store)) {
        List<Path> all = files.toList();
        assertFalse(all.isEmpty());
        for (Path f : all) {
          assertEquals("rw-------", permissions(f), f + " holds message bodies");
        }
      }
      assertEquals("rwx------", permissions(dataDir.resolve("pki")));
      assertEquals("rw-------", permissions(dataDir.resolve("pki/ca.key")));
      assertEquals("rw-------", permissions(dataDir.resolve("pki/parties/SUPA.key")));
      assertEquals("rw-------", permissions(dataDir.resolve("admin-token")));
    }
  }
}
