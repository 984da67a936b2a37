package org.csssim.internal.store.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;

/**
 * The embedded database's reads of rows into what their callers keep: plain JDBC on Vert.x's
 * worker threads, at most the pool's size at once, each on a connection kept idle here between
 * reads, each row made into the caller's object on that thread (its JSON parsed there, not on
 * an event loop). Through Vert.x's JDBC pool every row of a result was described again from the
 * result's metadata: in a start on a directory a two-minute soak had left, that was 184 of the
 * profile's samples (a regular expression matched for each cell) beside 250 parsing the rows'
 * JSON.
 */
final class JdbcReader {
  private final Vertx vertx;
  private final DataSource source;
  /** At most this many reads at once, and so at most this many connections (each caches its pages). */
  private final int max;
  private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
  private int running;
  private volatile boolean closed;

  JdbcReader(Vertx vertx, DataSource source, int max) {
    this.vertx = vertx;
    this.source = source;
    this.max = max;
  }

  /** Every row {@code sql} selects with {@code args}, each read by {@code reader}; completes on the caller's context. */
  <T> Future<List<T>> all(String sql, Tuple args, Cells.Reader<T> reader) {
    Context caller = vertx.getOrCreateContext();
    Promise<List<T>> done = Promise.promise();
    whenFree(() -> caller.executeBlocking(() -> read(sql, args, reader), false).onComplete(r -> {
      next();
      done.handle(r);
    }));
    return done.future();
  }

  /**
   * The same read on the caller's thread, which waits for it: for a point read by index that the
   * caller cannot wait for otherwise (a script's expression). Outside the bound on reads at once:
   * its callers are the scenario engine's one context, so it adds at most one connection.
   */
  <T> List<T> now(String sql, Tuple args, Cells.Reader<T> reader) throws SQLException {
    return read(sql, args, reader);
  }

  private void whenFree(Runnable read) {
    synchronized (waiting) {
      if (running >= max) {
        waiting.add(read);
        return;
      }
      running++;
    }
    read.run();
  }

  private void next() {
    Runnable read;
    synchronized (waiting) {
      read = waiting.poll();
      if (read == null) {
        running--;
        return;
      }
    }
    read.run();
  }

  private <T> List<T> read(String sql, Tuple args, Cells.Reader<T> reader) throws SQLException {
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
