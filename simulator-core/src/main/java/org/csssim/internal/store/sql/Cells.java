package org.csssim.internal.store.sql;

import io.vertx.sqlclient.Row;
import java.sql.ResultSet;

/**
 * One row of a read, by column from 0, whichever client read it: Vert.x's {@link Row} on
 * PostgreSQL, a JDBC {@link ResultSet} on the embedded engines ({@link JdbcReader}).
 */
interface Cells {
  String text(int column);

  long number(int column);

  boolean bool(int column);

  /** Reads one row into what the caller keeps. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Cells row);
  }

  static Cells of(Row r) {
    return new Cells() {
      @Override
      public String text(int column) {
        return SqlJournal.text(r, column);
      }

      @Override
      public long number(int column) {
        return ((Number) r.getValue(column)).longValue();
      }

      @Override
      public boolean bool(int column) {
        return SqlJournal.bool(r, column);
      }
    };
  }

  /** The row {@code rs} is on; its failures are thrown unchecked, to end the read they are in. */
  static Cells of(ResultSet rs) {
    return new Cells() {
      @Override
      public String text(int column) {
        return unchecked(() -> rs.getString(column + 1));
      }

      @Override
      public long number(int column) {
        return unchecked(() -> rs.getLong(column + 1));
      }

      @Override
      public boolean bool(int column) {
        return unchecked(() -> rs.getBoolean(column + 1));
      }
    };
  }

  private static <T> T unchecked(java.util.concurrent.Callable<T> get) {
    try {
      return get.call();
    } catch (Exception e) {   // a SQLException: the only kind the getters throw
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
