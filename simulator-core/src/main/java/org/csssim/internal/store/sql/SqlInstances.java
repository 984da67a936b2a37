package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.unit.Unit;

/** The instances table: one row per live instance, written with the step that changed it. */
final class SqlInstances implements InstanceStore {
  private final WriteBehind writes;
  private final String upsert;

  SqlInstances(WriteBehind writes) {
    this.writes = writes;
    this.upsert = writes.database().dialect().upsert("instances", List.of("id"), List.of("id", "state"));
  }

  @Override
  public void save(String id, Supplier<JsonObject> state, Unit unit) {
    SqlUnit.of(unit).add(upsert, Tuple.of(id, state.get().encode()));
  }

  @Override
  public void forget(String id, Unit unit) {
    SqlUnit.of(unit).add("DELETE FROM instances WHERE id = ?", Tuple.of(id));
  }

  @Override
  public Future<List<JsonObject>> all() {
    return SqlTables.bodies(writes.database(), "SELECT state FROM instances", Tuple.tuple());
  }
}
