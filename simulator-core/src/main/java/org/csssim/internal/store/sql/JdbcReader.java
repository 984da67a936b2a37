package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;

/**
 * The embedded database's reads of rows into what their callers keep: plain JDBC on Vert.x's
 * worker threads, each read on a connection kept idle here between reads, each row made into
 * the caller's object on that thread (its JSON parsed there, not on an event loop). Through
 * Vert.x's JDBC pool every row of a result was described again from the result's metadata: in
 * a start on a directory a two-minute soak had left, that was 184 of the profile's samples
 * (a regular expression matched for each cell) beside 250 parsing the rows' JSON.
 */
final class JdbcReader {
  private final Vertx vertx;
  private final DataSource source;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;

  JdbcReader(Vertx vertx, DataSource source) {
    this.vertx = vertx;
    this.source = source;
  }

  /** Every row {@code sql} selects with {@code args}, each read by {@code reader}. */
  <T> Future<List<T>> all(String sql, Tuple args, Cells.Reader<T> reader) {
    return vertx.executeBlocking(() -> {
      if (closed) {
        throw new IllegalStateException("the store is closed");
      }
      Connection c = idle.poll();
      if (c == null) {
        c = source.getConnection();
      }
      boolean sound = false;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        JdbcWriter.bind(ps, args);
        List<T> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          Cells row = Cells.of(rs);
          while (rs.next()) {
            out.add(reader.read(row));
          }
        }
        sound = true;
        return out;
      } finally {
        giveBack(c, sound);
      }
    }, false);
  }

  /** A connection that failed a read, or came back after the close, is closed, not kept. */
  private void giveBack(Connection c, boolean sound) throws SQLException {
    if (sound && !closed) {
      idle.add(c);
      if (!closed || !idle.remove(c)) {
        return;
      }
    }
    c.close();
  }

  void close() {
    closed = true;
    for (Connection c; (c = idle.poll()) != null; ) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing anyway: the process or the next open starts afresh
      }
    }
  }
}
