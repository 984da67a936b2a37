package org.csssim.internal.scenario;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.unit.Unit;

/** Live scenario instances as documents, by id, read back at start: the scenario engine's port. */
public interface InstanceStore {
  /** The state is asked for only by a store that keeps it: the memory store never builds it. */
  void save(String id, Supplier<JsonObject> state, Unit unit);

  void forget(String id, Unit unit);

  Future<List<JsonObject>> all();
}
