package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema at start: the scripts listed in {@code db/migrations/index}
 * run in order, each once, in one transaction with the record of it in {@code csssim_schema}.
 * A database migrated by a newer simulator than this one is refused rather than misread.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
  private static final String FOLDER = "db/migrations/";

  /** One script: its version (the number after V) and file name. */
  record Migration(int version, String name, String script) {}

  private Migrations() {}

  /** Applies what is missing; completes with the schema version now in place. */
  public static Future<Integer> migrate(Database db) {
    List<Migration> all;
    try {
      all = load();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    return db.inTransaction(conn -> conn.query("CREATE TABLE IF NOT EXISTS csssim_schema (version INT PRIMARY KEY,"
            + " name VARCHAR(256) NOT NULL, applied_ms BIGINT NOT NULL)").execute())
        .compose(x -> db.inTransaction(conn -> lock(db, conn)
            .compose(y -> conn.preparedQuery(db.dialect().sql("SELECT MAX(version) FROM csssim_schema")).execute())
            .compose(rows -> {
              Row r = rows.iterator().next();
              int current = r.getValue(0) == null ? 0 : ((Number) r.getValue(0)).intValue();
              int newest = all.isEmpty() ? 0 : all.get(all.size() - 1).version();
              if (current > newest) {
                return Future.failedFuture(new IllegalStateException("the store's schema is version " + current
                    + ", newer than this simulator's " + newest + "; run the newer simulator or another database"));
              }
              return apply(db, conn, all.stream().filter(m -> m.version() > current).toList(), 0, current);
            })));
  }

  /** Two simulators starting on one PostgreSQL database migrate one after the other. */
  private static Future<Void> lock(Database db, SqlConnection conn) {
    if (db.dialect() != Dialect.POSTGRESQL) {
      return Future.succeededFuture();
    }
    return conn.query("SELECT pg_advisory_xact_lock(7347001)").execute().mapEmpty();
  }

  private static Future<Integer> apply(Database db, SqlConnection conn, List<Migration> todo, int i, int version) {
    if (i >= todo.size()) {
      return Future.succeededFuture(version);
    }
    Migration m = todo.get(i);
    LOG.info("store: applying migration {}", m.name());
    Future<Void> statements = Future.succeededFuture();
    for (String statement : statements(db.dialect().ddl(m.script()))) {
      statements = statements.compose(x -> conn.query(statement).execute().mapEmpty());
    }
    return statements
        .compose(x -> conn.preparedQuery(db.dialect().sql("INSERT INTO csssim_schema (version, name, applied_ms) VALUES (?, ?, ?)"))
            .execute(Tuple.of(m.version(), m.name(), System.currentTimeMillis())))
        .compose(x -> apply(db, conn, todo, i + 1, m.version()));
  }

  /** The statements of a script: split at semicolons that end a line; comment lines dropped. */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (t.endsWith(";")) {
        String s = current.toString().strip();
        out.add(s.substring(0, s.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  static List<Migration> load() throws IOException {
    List<Migration> out = new ArrayList<>();
    for (String line : read("index").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
      if (!out.isEmpty() && version <= out.get(out.size() - 1).version()) {
        throw new IOException("migration " + name + " is out of order in " + FOLDER + "index");
      }
      out.add(new Migration(version, name, read(name)));
    }
    return out;
  }

  private static String read(String name) throws IOException {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IOException("missing migration resource " + FOLDER + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
