package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded writer after it closed: a write still queued fails, it does not throw into the queue that sent it. */
class JdbcWriterTest {
  @Test
  void aWriteAfterCloseFailsItsFutureAndThrowsNothing() throws Exception {
    Path file = Files.createTempDirectory("writer").resolve("w.db");
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file);
    JdbcWriter writer = new JdbcWriter(ds, "test");
    writer.transaction(List.of(new Database.Write("CREATE TABLE t (a INTEGER)", Tuple.tuple())))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    writer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

    var late = writer.transaction(List.of(new Database.Write("INSERT INTO t VALUES (?)", Tuple.of(1))));
    Throwable cause = late.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertTrue(cause != null && cause.getMessage().contains("the store's writer is closed"), String.valueOf(cause));
    assertEquals(IllegalStateException.class, cause.getClass());
  }
}
