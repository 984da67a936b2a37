package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.jdbcclient.JDBCPool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A SQL database behind Vert.x's SQL client, the same code for each: the embedded SQLite file
 * (or the H2 file of an earlier release), through the JDBC pool, whose blocking calls run on
 * Vert.x's worker threads, never on an event loop; and PostgreSQL, through its reactive client. Statements are written with
 * {@code ?} placeholders; {@link Dialect} numbers them for PostgreSQL.
 */
final class Database {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Database.class);
  private final Pool pool;
  /** Where the migrations' transaction runs: the same pool, except SQLite's single writing connection. */
  private final Pool writer;
  /** The embedded engines' writer of every other transaction (see {@link JdbcWriter}); null for PostgreSQL. */
  private final JdbcWriter jdbc;
  /** The embedded engines' reads of rows into objects (see {@link JdbcReader}); null for PostgreSQL. */
  private final JdbcReader reader;
  private final Dialect dialect;
  private final String description;
  /** PostgreSQL: the connection holding this instance's lock on the database, for as long as it runs. */
  private SqlConnection owner;
  /** H2 shares a database between the connections of one process, so its file lock does not guard within it. */
  private static final java.util.Set<String> OPEN_FILES = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final String file;
  private volatile boolean holdsFile;
  /** SQLite: the operating-system lock on {@code <file>.lock} this instance holds while it runs. */
  private java.nio.channels.FileLock fileLock;

  private Database(Pool pool, Dialect dialect, String description, String file) {
    this(pool, pool, null, null, dialect, description, file);
  }

  private Database(Pool pool, Pool writer, JdbcWriter jdbc, JdbcReader reader, Dialect dialect, String description,
                   String file) {
    this.pool = pool;
    this.writer = writer;
    this.jdbc = jdbc;
    this.reader = reader;
    this.dialect = dialect;
    this.description = description;
    this.file = file;
  }

  /**
   * The embedded store: one H2 file. WRITE_DELAY=0 writes each commit to the file before the
   * commit returns, so a killed process loses nothing committed (the default waits up to half
   * a second). Commits are batched by {@link WriteBehind}, which keeps that affordable.
   */
  public static Database embedded(Vertx vertx, Path file, int poolSize) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    ds.setUser("csssim");
    ds.setPassword("");
    Pool pool = JDBCPool.pool(vertx, ds, new PoolOptions().setMaxSize(poolSize));
    return new Database(pool, pool, new JdbcWriter(ds, file.getFileName().toString()),
        new JdbcReader(vertx, ds, poolSize), Dialect.H2,
        "embedded H2 at " + file.toAbsolutePath() + ".mv.db", file.toAbsolutePath().normalize().toString());
  }

  /**
   * The embedded store: one SQLite file in WAL mode. A commit is written to the log before it
   * returns (synchronous=NORMAL), so a killed process loses nothing committed; a power cut may
   * lose the last commits, as with H2 before (neither syncs to disk on every commit). Pages
   * freed by deletes are reused, so the file stays the size of what it holds at its fullest.
   * One writer at a time ({@link WriteBehind} is the only one); readers never wait for it.
   */
  public static Database sqlite(Vertx vertx, Path file, int poolSize) {
    SqliteNative.useCopyIn(file.toAbsolutePath().getParent().resolve("native"));
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(org.sqlite.SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(30_000);
    config.setTempStore(org.sqlite.SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-16_384);   // KiB: 16 MiB of pages per connection
    org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource(config);
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    // one connection writes (SQLite has one writer anyway): a transaction on a connection that
    // had read earlier could find its snapshot stale; the others only read, each statement alone
    Pool writer = JDBCPool.pool(vertx, ds, new PoolOptions().setMaxSize(1));
    Pool readers = JDBCPool.pool(vertx, ds, new PoolOptions().setMaxSize(poolSize));
    return new Database(readers, writer, new JdbcWriter(ds, file.getFileName().toString()),
        new JdbcReader(vertx, ds, poolSize), Dialect.SQLITE,
        "embedded SQLite at " + file.toAbsolutePath(), file.toAbsolutePath().normalize().toString());
  }

  /** PostgreSQL at {@code url} ({@code postgresql://user@host:port/database}); user and password may override it. */
  public static Database postgresql(Vertx vertx, String url, String user, String password, int poolSize) {
    PgConnectOptions options = PgConnectOptions.fromUri(url).setCachePreparedStatements(true);
    if (user != null) {
      options.setUser(user);
    }
    if (password != null) {
      options.setPassword(password);
    }
    Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize)).connectingTo(options).using(vertx).build();
    return new Database(pool, Dialect.POSTGRESQL,
        "PostgreSQL at " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase(), null);
  }

  public Dialect dialect() {
    return dialect;
  }

  /** For the operator: which database, and where. */
  public String description() {
    return description;
  }

  public Future<RowSet<Row>> query(String sql, Tuple args) {
    return pool.preparedQuery(dialect.sql(sql)).execute(args);
  }

  public Future<RowSet<Row>> query(String sql) {
    return query(sql, Tuple.tuple());
  }

  /** Every row {@code sql} selects with {@code args}, each read by {@code row} (off the event loop on the embedded engines). */
  public <T> Future<List<T>> all(String sql, Tuple args, Cells.Reader<T> row) {
    if (reader != null) {
      return reader.all(dialect.sql(sql), args, row);
    }
    return query(sql, args).map(rows -> {
      List<T> out = new ArrayList<>(rows.size());
      for (Row r : rows) {
        out.add(row.read(Cells.of(r)));
      }
      return out;
    });
  }

  /** Whether {@link #now} can read: on the embedded engines, not PostgreSQL's reactive client. */
  public boolean readsNow() {
    return reader != null;
  }

  /**
   * Every row {@code sql} selects, read on the caller's thread, which waits for them (the embedded
   * engines only, see {@link JdbcReader#now}); a failed read is thrown unchecked.
   */
  public <T> List<T> now(String sql, Tuple args, Cells.Reader<T> row) {
    try {
      return reader.now(dialect.sql(sql), args, row);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Runs {@code writes} in one transaction, in order; runs of one statement go as one batch. */
  public Future<Void> transaction(List<Write> writes) {
    if (lockLost) {
      return Future.failedFuture(new IllegalStateException("this instance lost its lock on the database; it writes"
          + " nothing more, since another instance may have taken over"));
    }
    return jdbc != null ? jdbc.transaction(writes) : writer.withTransaction(conn -> run(conn, writes, 0));
  }

  private Future<Void> run(SqlConnection conn, List<Write> writes, int from) {
    if (from >= writes.size()) {
      return Future.succeededFuture();
    }
    String sql = writes.get(from).sql();
    List<Tuple> args = new ArrayList<>();
    int to = from;
    while (to < writes.size() && writes.get(to).sql().equals(sql)) {
      args.add(writes.get(to).args());
      to++;
    }
    int next = to;
    Future<RowSet<Row>> done = args.size() == 1 ? conn.preparedQuery(dialect.sql(sql)).execute(args.get(0))
        : conn.preparedQuery(dialect.sql(sql)).executeBatch(args);
    return done.compose(x -> run(conn, writes, next));
  }

  /** Runs {@code work} on one connection, inside a transaction (the migrations). */
  public <T> Future<T> inTransaction(java.util.function.Function<SqlConnection, Future<T>> work) {
    return writer.withTransaction(work::apply);
  }

  /**
   * Makes this simulator the database's only one: sequence numbers are handed out in memory,
   * so a second instance on the same database would collide. H2 locks its file against other
   * processes, and this process's open files are remembered here; on PostgreSQL a session
   * advisory lock is taken and held on a connection of its own (one of the pool's).
   */
  public Future<Void> claim() {
    if (dialect != Dialect.POSTGRESQL) {
      holdsFile = OPEN_FILES.add(file);
      if (!holdsFile) {
        return Future.failedFuture(new IllegalStateException(
            "another simulator instance in this process uses this database file; give each its own data directory"));
      }
      return dialect == Dialect.SQLITE ? lockFile() : Future.succeededFuture();
    }
    return tryLock().compose(held -> held ? Future.<Void>succeededFuture() : Future.failedFuture(new IllegalStateException(
        "another simulator instance uses this database; give each instance a database of its own, or start this one"
            + " as its standby (store.standby: true)")));
  }

  /**
   * A standby's claim (PostgreSQL): while another instance holds the database, try again every
   * {@code every}, calling {@code waiting} the first time; completes once this instance holds
   * it. An instance killed outright loses its session, and with it the lock, at once.
   */
  public Future<Void> claimWhenFree(Vertx vertx, java.time.Duration every, Runnable waiting) {
    return tryLock().compose(held -> {
      if (held) {
        return Future.succeededFuture();
      }
      if (!waitingLogged) {
        waitingLogged = true;
        waiting.run();
      }
      io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
      vertx.setTimer(every.toMillis(), t -> claimWhenFree(vertx, every, waiting).onComplete(later));
      return later.future();
    });
  }

  private boolean waitingLogged;

  /**
   * SQLite lets several processes open one file; the simulator hands out sequence numbers in
   * memory, so only one may. An operating-system lock on a file beside the database says which
   * (it goes with the process, however that ends).
   */
  private Future<Void> lockFile() {
    try {
      java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(Path.of(file + ".lock"),
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
      java.nio.channels.FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        OPEN_FILES.remove(file);
        holdsFile = false;
        return Future.failedFuture(new IllegalStateException("another simulator process uses " + file
            + "; give each instance its own data directory"));
      }
      fileLock = lock;
      return Future.succeededFuture();
    } catch (java.io.IOException | java.nio.channels.OverlappingFileLockException e) {
      return Future.failedFuture(new IllegalStateException("cannot lock " + file + ".lock: " + e.getMessage(), e));
    }
  }


  /** True when this instance now holds the database's lock, on a connection kept for it. */
  private Future<Boolean> tryLock() {
    return pool.getConnection().compose(conn -> conn.query("SELECT pg_try_advisory_lock(7347002)").execute()
        .compose(rows -> {
          if (Boolean.TRUE.equals(rows.iterator().next().getBoolean(0))) {
            owner = conn;
            // the lock lives as long as this session: if it ends (the database restarted, the
            // network cut it), another instance may take over, so this one must write no more
            conn.closeHandler(v -> {
              if (!closing) {
                lockLost = true;
                LOG.error("store: the connection holding this instance's lock on {} closed; another instance may take"
                    + " over, so this one writes nothing more (restart it to make it a standby or the active again)",
                    description);
              }
            });
            return Future.succeededFuture(true);
          }
          return conn.close().map(false);
        }));
  }

  private volatile boolean closing;
  /** Set when the lock's session ended while running: every write fails from then on (fencing). */
  private volatile boolean lockLost;

  public Future<Void> close() {
    closing = true;
    Future<Void> released = owner == null ? Future.succeededFuture() : owner.close();
    if (reader != null) {
      reader.close();
    }
    return released.eventually(() -> jdbc == null ? Future.succeededFuture() : jdbc.close())
        .eventually(pool::close)
        .eventually(() -> writer == pool ? Future.succeededFuture() : writer.close())
        .onComplete(x -> release());
  }

  private void release() {
    if (fileLock != null) {
      try {
        fileLock.channel().close();   // releases the lock
      } catch (java.io.IOException ignored) {
        // the process's end releases it too
      }
      fileLock = null;
    }
    if (holdsFile) {
      holdsFile = false;   // a second close must not free a file another instance holds by then
      OPEN_FILES.remove(file);
    }
  }

  /** One statement and its arguments. */
  public record Write(String sql, Tuple args) {}
}
