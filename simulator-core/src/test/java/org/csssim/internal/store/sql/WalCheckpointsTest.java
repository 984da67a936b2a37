package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints beside the writer: with the writer's own turned off, what it commits stays in the
 * write-ahead log until {@link WalCheckpoints} copies it into the database file.
 */
class WalCheckpointsTest {
  @TempDir
  Path dir;

  @Test
  void whatTheWriterCommitsReachesTheDatabaseFileWithoutItsOwnCheckpoints() throws Exception {
    Path file = dir.resolve("w.db");
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
    config.setWalAutocheckpoint(0);
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file);
    try (Connection writer = ds.getConnection()) {
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE t (a INTEGER, b TEXT)");
      }
      writer.setAutoCommit(false);
      try (PreparedStatement insert = writer.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int i = 0; i < 2_000; i++) {
          insert.setInt(1, i);
          insert.setString(2, "x".repeat(1_000));
          insert.executeUpdate();
        }
      }
      writer.commit();
      long before = Files.size(file);
      assertTrue(Files.size(dir.resolve("w.db-wal")) > 2_000_000, "the rows are in the log");
      assertTrue(before < 100_000, "and not yet in the file: " + before + " bytes");

      WalCheckpoints checkpoints = new WalCheckpoints(ds, "test");
      try {
        Harness.eventually(() -> size(file) > 2_000_000, "the rows copied into the database file");
      } finally {
        checkpoints.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
