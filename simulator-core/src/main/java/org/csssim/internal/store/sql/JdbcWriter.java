package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The embedded database's one writer: a JDBC connection of its own, used from one worker
 * thread, with every statement prepared once and kept. Through Vert.x's JDBC pool each
 * statement was prepared again and its parameters described again for every row (JFR: SQLite's
 * prepare and Vert.x's parameter metadata beside each insert), which made the writer, not the
 * database, the limit; the embedded engines run in this process, so a blocking connection on a
 * thread of its own costs nothing an event loop waits for. Reads stay on the pool.
 */
final class JdbcWriter {
  private final WorkerExecutor worker;
  private final DataSource source;
  private Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  JdbcWriter(Vertx vertx, DataSource source, String name) {
    this.worker = vertx.createSharedWorkerExecutor("csssim-store-writer-" + name, 1);
    this.source = source;
  }

  /** Runs {@code writes} in one transaction, in order; consecutive rows of one statement go as one batch. */
  Future<Void> transaction(List<Database.Write> writes) {
    try {
      return run(writes);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closed while a write was still queued (a straggler at stop): fail it, never throw into the caller's loop
      return Future.failedFuture(new IllegalStateException("the store's writer is closed", e));
    }
  }

  private Future<Void> run(List<Database.Write> writes) {
    return worker.<Void>executeBlocking(() -> {
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
    }, true);
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

  private static void bind(PreparedStatement ps, Tuple args) throws SQLException {
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
    return worker.<Void>executeBlocking(() -> {
      reset();
      return null;
    }, true).eventually(worker::close).mapEmpty();
  }
}
