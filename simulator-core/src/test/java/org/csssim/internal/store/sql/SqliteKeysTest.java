package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a new SQLite store the journal's, inbox's and outbox's 64-bit keys are the rows' own ids,
 * so SQLite keeps no index of its own for them beside the table: an insert writes one tree, not
 * two. The tables keyed by text (instances, documents, idempotency) still have theirs.
 */
class SqliteKeysTest {
  @TempDir
  Path dir;

  @Test
  void aNewStoresNumberKeyedTablesHaveNoSeparateKeyIndex() throws Exception {
    Vertx vertx = Vertx.vertx();
    Database db = Database.sqlite(vertx, dir.resolve("csssim.db"), 2);
    try {
      await(Migrations.migrate(db));
      List<String> keyIndexes = new ArrayList<>();
      await(db.query("SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND name LIKE 'sqlite_autoindex_%'"))
          .forEach(r -> keyIndexes.add(r.getString(0)));
      for (String table : List.of("journal", "inbox", "outbox")) {
        assertFalse(keyIndexes.contains(table), table + " has a key index of its own: " + keyIndexes);
      }
      assertTrue(keyIndexes.containsAll(List.of("instances", "documents", "idempotency")), keyIndexes.toString());
      String journal = await(db.query("SELECT sql FROM sqlite_master WHERE name = 'journal'")).iterator().next().getString(0);
      assertTrue(journal.contains("seq INTEGER PRIMARY KEY"), journal);
      await(db.query("INSERT INTO inbox (id, message) VALUES (9007199254740993, 'x')"));
      assertEquals(9007199254740993L, await(db.query("SELECT id FROM inbox")).iterator().next().getLong(0),
          "a 64-bit key is kept exactly");
    } finally {
      await(db.close());
      await(vertx.close());
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
