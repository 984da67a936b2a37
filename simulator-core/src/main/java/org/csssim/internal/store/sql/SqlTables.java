package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Reads the state tables share. */
final class SqlTables {
  private SqlTables() {}

  /** The single number {@code sql} selects (a MAX), 0 when the table is empty. */
  static Future<Long> max(Database db, String sql) {
    return db.query(sql).map(rows -> {
      Object v = rows.iterator().next().getValue(0);
      return v == null ? 0L : ((Number) v).longValue();
    });
  }

  /** The first column of every row, each a JSON document. */
  static Future<List<JsonObject>> bodies(Database db, String sql, Tuple args) {
    return db.all(sql, args, r -> new JsonObject(r.text(0)));
  }
}
