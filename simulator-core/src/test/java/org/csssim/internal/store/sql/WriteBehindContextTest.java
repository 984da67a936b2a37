package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded writer commits on a thread of its own; whoever queued a unit is told on its own
 * context, never on that thread, where nothing of the caller's may run.
 */
class WriteBehindContextTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Database db;
  private WriteBehind writes;

  @BeforeEach
  void openTable() throws Exception {
    vertx = Vertx.vertx();
    db = Database.sqlite(vertx, dir.resolve("csssim.db"), 2);
    writes = new WriteBehind(db, 500);
    await(writes.write("CREATE TABLE t (a INTEGER)", Tuple.tuple()));
  }

  @AfterEach
  void close() throws Exception {
    await(db.close());
    await(vertx.close());
  }

  @Test
  void aUnitQueuedOnAnEventLoopIsToldThereNotOnTheWritersThread() throws Exception {
    Context loop = vertx.getOrCreateContext();
    Promise<String[]> told = Promise.promise();
    loop.runOnContext(v -> writes.commitTogether(List.of(new Database.Write("INSERT INTO t VALUES (?)", Tuple.of(1))))
        .onComplete(ar -> told.complete(new String[] {String.valueOf(Vertx.currentContext() == loop),
            Thread.currentThread().getName()})));
    String[] where = await(told.future());
    assertEquals("true", where[0], "told on the context that queued it, not on " + where[1]);
    assertFalse(where[1].startsWith("csssim-store-writer"), where[1]);
  }

  @Test
  void unitsQueuedOnTwoLoopsAreEachToldOnTheirOwnInTheOrderTheyWereQueued() throws Exception {
    Context first = vertx.getOrCreateContext();
    Context second = vertx.getOrCreateContext();
    List<String> wrongContext = new CopyOnWriteArrayList<>();
    Map<Context, List<Integer>> told = Map.of(first, new CopyOnWriteArrayList<>(), second, new CopyOnWriteArrayList<>());
    CountDownLatch all = new CountDownLatch(400);
    for (Context loop : List.of(first, second)) {
      loop.runOnContext(v -> {
        for (int i = 0; i < 200; i++) {
          int n = i;
          writes.commitTogether(List.of(new Database.Write("INSERT INTO t VALUES (?)", Tuple.of(n)))).onComplete(ar -> {
            if (Vertx.currentContext() != loop || ar.failed()) {
              wrongContext.add(n + " on " + Thread.currentThread().getName() + " " + ar.cause());
            }
            told.get(loop).add(n);
            all.countDown();
          });
        }
      });
    }
    assertTrue(all.await(30, TimeUnit.SECONDS), "every unit was told");
    assertEquals(List.of(), wrongContext, "each unit was told, committed, on the context that queued it");
    List<Integer> inOrder = IntStream.range(0, 200).boxed().toList();
    assertEquals(inOrder, told.get(first), "in the order queued");
    assertEquals(inOrder, told.get(second), "in the order queued");
    assertTrue(writes.commits() < 400, "units shared commits: " + writes.commits());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
