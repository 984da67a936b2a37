package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded engines' reads of rows: off the event loop, arguments bound, a failed read leaving the next sound. */
class JdbcReaderTest {
  private Vertx vertx;
  private JdbcReader reader;
  private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

  @BeforeEach
  void table() throws Exception {
    vertx = Vertx.vertx();
    Path file = Files.createTempDirectory("reader").resolve("r.db");
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource() {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        opened.incrementAndGet();
        return super.getConnection();
      }
    };
    ds.setUrl("jdbc:sqlite:" + file);
    try (Connection c = ds.getConnection(); var st = c.createStatement()) {
      st.execute("CREATE TABLE t (id INTEGER, body TEXT, dead BOOLEAN)");
      st.execute("INSERT INTO t VALUES (1, '{\"a\":1}', 0), (2, NULL, 1), (3, 'x', 0)");
    }
    opened.set(0);
    reader = new JdbcReader(vertx, ds, 2);
  }

  @AfterEach
  void close() {
    reader.close();
    vertx.close();
  }

  private record Read(long id, String body, boolean dead, String thread) {}

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void readsEveryRowWithItsArgumentsOnAWorkerThread() throws Exception {
    List<Read> rows = await(reader.all("SELECT id, body, dead FROM t WHERE id >= ? ORDER BY id", Tuple.of(2),
        r -> new Read(r.number(0), r.text(1), r.bool(2), Thread.currentThread().getName())));

    assertEquals(List.of(2L, 3L), rows.stream().map(Read::id).toList());
    assertEquals(null, rows.get(0).body());
    assertEquals("x", rows.get(1).body());
    assertTrue(rows.get(0).dead() && !rows.get(1).dead());
    assertTrue(rows.get(0).thread().contains("worker"), rows.get(0).thread());
  }

  @Test
  void aFailedReadFailsItsFutureAndTheNextReadsAsBefore() throws Exception {
    Throwable bad = reader.all("SELECT missing FROM t", Tuple.tuple(), r -> r.text(0))
        .toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertNotNull(bad);
    assertTrue(bad.getMessage().contains("no such column"), bad.getMessage());
    Throwable thrown = reader.all("SELECT id FROM t", Tuple.tuple(), r -> {
      throw new IllegalArgumentException("unreadable row");
    }).toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertEquals("unreadable row", thrown.getMessage());

    assertEquals(List.of(1L, 2L, 3L), await(reader.all("SELECT id FROM t ORDER BY id", Tuple.tuple(), r -> r.number(0))));
  }

  @Test
  void aReadAfterTheCloseFails() throws Exception {
    await(reader.all("SELECT id FROM t", Tuple.tuple(), r -> r.number(0)));
    reader.close();

    Throwable late = reader.all("SELECT id FROM t", Tuple.tuple(), r -> r.number(0))
        .toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertEquals("the store is closed", late.getMessage());
  }

  @Test
  void manyReadsAtOnceShareAsManyConnectionsAsThePoolHas() throws Exception {
    List<Future<List<Long>>> reads = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reads.add(reader.all("SELECT id FROM t ORDER BY id", Tuple.tuple(), r -> {
        try {
          Thread.sleep(5);   // each row takes a while, so the reads overlap
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return r.number(0);
      }));
    }
    for (Future<List<Long>> read : reads) {
      assertEquals(List.of(1L, 2L, 3L), await(read));
    }
    assertTrue(opened.get() <= 2, "twenty reads at once on " + opened.get() + " connections; the bound is two");
  }
}
