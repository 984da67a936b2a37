package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQLite's checkpoints, on a thread and a connection of their own: every {@value #EVERY_MS} ms
 * the pages committed to the write-ahead log are copied into the database file (PASSIVE: it
 * never waits for the writer, and the writer never waits for it). Left to SQLite, the commit
 * that filled the log past 1,000 pages ran the checkpoint itself, with its two fsyncs, and every
 * acknowledgement queued behind that commit waited for it: the slowest commits of a whole-flow
 * run took 150 ms to 1 s where most took a few. The writer's connection turns its own off
 * ({@code wal_autocheckpoint=0}). Durability is the log's, as before: a commit is in the log
 * before it returns, whether or not a checkpoint has copied it yet.
 */
final class WalCheckpoints {
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
  static final long EVERY_MS = 250;

  private final ScheduledExecutorService thread;
  private final DataSource source;
  private Connection connection;
  private boolean warned;

  WalCheckpoints(DataSource source, String name) {
    this.source = source;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "csssim-store-checkpoints-" + name);
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::checkpoint, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
  }

  private void checkpoint() {
    try {
      if (connection == null || connection.isClosed()) {
        connection = source.getConnection();
      }
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
      }
      warned = false;
    } catch (SQLException | RuntimeException e) {
      if (!warned) {   // once until one succeeds again: a checkpoint missed only lets the log grow until the next
        LOG.warn("store: a checkpoint of the write-ahead log failed, the next is in {} ms: {}", EVERY_MS, e.toString());
        warned = true;
      }
      close(connection);
      connection = null;
    }
  }

  /** Stops after the checkpoint under way, if any; the last connection to close checkpoints what is left (SQLite does that). */
  Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    try {
      thread.execute(() -> {
        close(connection);
        connection = null;
        closed.complete();
      });
      thread.shutdown();
    } catch (RejectedExecutionException e) {
      closed.tryComplete();   // closed already
    }
    return closed.future();
  }

  private static void close(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // it is going anyway
    }
  }
}
