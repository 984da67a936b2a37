package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;

/**
 * The embedded database's one writer: a JDBC connection of its own, used from one worker
 * thread, with every statement prepared once and kept. Through Vert.x's JDBC pool each
 * statement was prepared again and its parameters described again for every row (JFR: SQLite's
 * prepare and Vert.x's parameter metadata beside each insert), which made the writer, not the
 * database, the limit; the embedded engines run in this process, so a blocking connection on a
 * thread of its own costs nothing an event loop waits for. Reads stay on the pool.
 *
 * <p>A transaction's future completes on that thread, not on the event loop that asked for it:
 * {@link WriteBehind} then takes its next batch on the writer thread too. Through a Vert.x
 * worker, every completion went back through the event loop that had started the chain, and
 * the writer sat idle until that busy loop got to it (the writer thread's scheduler statistics:
 * on a CPU 0.59 s, waiting for one 1.54 s, idle 2.87 s, in 5 s of a closed-loop run).
 */
final class JdbcWriter {
  private final ExecutorService worker;
  private final DataSource source;
  private Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  JdbcWriter(DataSource source, String name) {
    this.worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "csssim-store-writer-" + name);
      t.setDaemon(true);
      return t;
    });
    this.source = source;
  }

  /** Runs {@code writes} in one transaction, in order; consecutive rows of one statement go as one batch. */
  Future<Void> transaction(List<Database.Write> writes) {
    return onWriter(() -> {
      Connection c = connection();
      try {
        for (int from = 0; from < writes.size(); ) {
          String sql = writes.get(from).sql();
          int to = from + 1;
          while (to < writes.size() && writes.get(to).sql().equals(sql)) {
            to++;
          }
          PreparedStatement ps = statement(c, sql);
          if (to - from == 1) {
            bind(ps, writes.get(from).args());
            ps.execute();
          } else {
            for (int i = from; i < to; i++) {
              bind(ps, writes.get(i).args());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          from = to;
        }
        c.commit();
        return null;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // the connection is replaced below
        }
        if (!(e instanceof SQLException) || c.isClosed()) {
          reset();
        }
        throw e;
      }
    });
  }

  /** Runs {@code work} on the writer thread; its future completes there. */
  private Future<Void> onWriter(Callable<Void> work) {
    Promise<Void> done = Promise.promise();
    try {
      worker.execute(() -> {
        try {
          done.complete(work.call());
        } catch (Exception | Error e) {
          done.fail(e);
        }
      });
    } catch (RejectedExecutionException e) {
      // closed while a write was still queued (a straggler at stop): fail it, never throw into the caller's loop
      done.tryFail(new IllegalStateException("the store's writer is closed", e));
    }
    return done.future();
  }

  private Connection connection() throws SQLException {
    if (connection == null || connection.isClosed()) {
      connection = source.getConnection();
      connection.setAutoCommit(false);
      prepared.clear();
    }
    return connection;
  }

  private PreparedStatement statement(Connection c, String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      prepared.put(sql, ps);
    }
    return ps;
  }

  static void bind(PreparedStatement ps, Tuple args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      Object v = args.getValue(i);
      if (v == null) {
        ps.setNull(i + 1, java.sql.Types.NULL);
      } else {
        ps.setObject(i + 1, v);
      }
    }
  }

  private void reset() {
    prepared.clear();
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException ignored) {
      // a new one is opened for the next transaction
    }
    connection = null;
  }

  Future<Void> close() {
    return onWriter(() -> {
      reset();
      return null;
    }).eventually(() -> {
      worker.shutdown();
      return Future.succeededFuture();
    });
  }
}
