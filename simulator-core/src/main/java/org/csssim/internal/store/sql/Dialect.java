package org.csssim.internal.store.sql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What differs between the SQL databases, kept to the least: placeholders ({@code ?} for
 * JDBC, {@code $1} for PostgreSQL's own protocol), the large-text type in the migrations, and
 * the upsert (H2's MERGE; SQLite and PostgreSQL share ON CONFLICT). Everything else is written once.
 */
enum Dialect {
  // H2 keeps CLOB values over a few hundred bytes in separate LOB storage, which made every
  // journal insert several writes; unbounded CHARACTER VARYING stays in the row
  H2("CHARACTER VARYING"),
  SQLITE("TEXT"),
  POSTGRESQL("TEXT");

  private final String text;

  Dialect(String text) {
    this.text = text;
  }

  /** {@code sql} as this database takes it: {@code ?} placeholders numbered where needed. */
  public String sql(String portable) {
    if (this != POSTGRESQL) {
      return portable;
    }
    StringBuilder out = new StringBuilder(portable.length() + 8);
    int n = 0;
    for (int i = 0; i < portable.length(); i++) {
      char c = portable.charAt(i);
      if (c == '?') {
        out.append('$').append(++n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * A migration script with its type words filled in. On SQLite a 64-bit key is declared
   * {@code INTEGER PRIMARY KEY}, the one spelling that makes it the row's own id: declared
   * {@code BIGINT}, SQLite kept the table in rowid order and the key in an index of its own,
   * which every insert and delete wrote too (of the pages whole flows wrote to its log, the
   * journal's, inbox's and outbox's key indexes took 16%). Databases made before keep theirs.
   */
  String ddl(String script) {
    String ddl = script.replace("${text}", text);
    return this == SQLITE ? ddl.replace("BIGINT PRIMARY KEY", "INTEGER PRIMARY KEY") : ddl;
  }

  /** Inserts a row, or replaces the one with the same key. */
  public String upsert(String table, List<String> key, List<String> columns) {
    String cols = String.join(", ", columns);
    String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    if (this == H2) {
      return "MERGE INTO " + table + " (" + cols + ") KEY (" + String.join(", ", key) + ") VALUES (" + marks + ")";
    }
    String set = columns.stream().filter(c -> !key.contains(c)).map(c -> c + " = EXCLUDED." + c)
        .collect(Collectors.joining(", "));
    return sql("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ") ON CONFLICT (" + String.join(", ", key)
        + ") DO UPDATE SET " + set);
  }
}
