package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.unit.Unit;

/**
 * The instances table: one row per live instance, written with the step that changed it, with
 * the columns a dormant one is found by (its live key's hash, its party, its wait's end).
 */
final class SqlInstances implements InstanceStore {
  private static final String DORMANT = "SELECT state FROM instances WHERE wake_at IS NOT NULL";
  private final WriteBehind writes;
  private final String upsert;

  SqlInstances(WriteBehind writes) {
    this.writes = writes;
    this.upsert = writes.database().dialect().upsert("instances", List.of("id"),
        List.of("id", "state", "live_key", "acting_mpid", "wake_at"));
  }

  @Override
  public void save(String id, Supplier<JsonObject> state, Index index, Unit unit) {
    SqlUnit.of(unit).add(upsert, Tuple.of(id, state.get().encode(), index.liveKey(), index.actingMpid(), index.dormantUntil()));
  }

  @Override
  public void forget(String id, Unit unit) {
    SqlUnit.of(unit).add("DELETE FROM instances WHERE id = ?", Tuple.of(id));
  }

  @Override
  public Future<List<JsonObject>> resident() {
    return bodies("SELECT state FROM instances WHERE wake_at IS NULL", Tuple.tuple());
  }

  @Override
  public boolean keepsInstances() {
    return true;
  }

  @Override
  public Future<long[]> dormantKeys() {
    return db().all("SELECT live_key FROM instances WHERE wake_at IS NOT NULL", Tuple.tuple(), r -> r.number(0))
        .map(keys -> keys.stream().mapToLong(Long::longValue).toArray());
  }

  @Override
  public Future<List<JsonObject>> dormant(long liveKey) {
    return bodies(DORMANT + " AND live_key = ?", Tuple.of(liveKey));
  }

  @Override
  public Future<List<JsonObject>> dormantEnding(long after, String afterId, long until, int limit) {
    return afterId == null
        ? bodies(DORMANT + " AND wake_at > ? AND wake_at <= ? ORDER BY wake_at, id LIMIT ?", Tuple.of(after, until, limit))
        : bodies(DORMANT + " AND (wake_at > ? OR (wake_at = ? AND id > ?)) AND wake_at <= ? ORDER BY wake_at, id LIMIT ?",
            Tuple.of(after, after, afterId, until, limit));
  }

  @Override
  public Future<Long> firstDormantEnd(long after) {
    return db().query("SELECT MIN(wake_at) FROM instances WHERE wake_at > ?", Tuple.of(after)).map(rows -> {
      Object v = rows.iterator().next().getValue(0);
      return v == null ? null : ((Number) v).longValue();
    });
  }

  @Override
  public Future<List<JsonObject>> dormantOf(String actingMpid) {
    return bodies(DORMANT + " AND acting_mpid = ?", Tuple.of(actingMpid));
  }

  @Override
  public Future<List<JsonObject>> dormantSoonest(int limit) {
    return bodies(DORMANT + " ORDER BY wake_at, id LIMIT ?", Tuple.of(limit));
  }

  @Override
  public Future<JsonObject> state(String id) {
    return bodies("SELECT state FROM instances WHERE id = ?", Tuple.of(id)).map(l -> l.isEmpty() ? null : l.get(0));
  }

  private Future<List<JsonObject>> bodies(String sql, Tuple args) {
    return SqlTables.bodies(db(), sql, args);
  }

  private Database db() {
    return writes.database();
  }
}
