package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's write-ahead log stays bounded while the writer never pauses: its checkpoints copy the
 * log back into the database and the log begins again. Checkpoints run beside a busy writer once
 * let the log grow without end (3 GiB in a whole-flow benchmark; docs/performance.md).
 */
class WriteAheadLogTest {
  @TempDir
  Path dir;

  @Test
  void theLogStaysSmallWhileUnitsKeepArrivingFasterThanTheyCommit() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path file = dir.resolve("csssim.db");
    Database db = Database.sqlite(vertx, file, 2);
    try {
      WriteBehind writes = new WriteBehind(db, 500);
      await(writes.write("CREATE TABLE t (a INTEGER, b TEXT)", Tuple.tuple()));
      String row = "x".repeat(2_000);
      List<Future<Void>> units = new ArrayList<>();
      // 20,000 rows of 2 KB, queued at once, so the writer always has the next batch waiting: 40 MB through the log
      for (int i = 0; i < 20_000; i++) {
        units.add(writes.commitTogether(List.of(new Database.Write("INSERT INTO t VALUES (?, ?)", Tuple.of(i, row)))));
      }
      await(Future.all(units));
      long log = Files.size(dir.resolve("csssim.db-wal"));
      long data = Files.size(file);
      assertTrue(log < 16_000_000, "the log began again rather than holding all 40 MB: " + log + " bytes");
      assertTrue(data > 30_000_000, "the rows reached the database file: " + data + " bytes");
    } finally {
      await(db.close());
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
