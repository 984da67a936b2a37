package org.csssim.internal.scenario;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.unit.Unit;

/**
 * Messages for simulated parties that their scripts have not handled yet (accepted from
 * outside, or handed from one simulated party to another): kept until handled, and handled
 * again after a restart. The scenario engine's port; the store implements it.
 */
public interface InboxStore {
  /**
   * Keeps an entry with {@code unit}; answers its id at once. The document is asked for only by
   * a store that keeps it: the memory store never builds it.
   */
  long put(Supplier<JsonObject> entry, Unit unit);

  /** The scripts have handled it, and what they did is in {@code unit}. */
  void done(long id, Unit unit);

  /** What was kept and not handled, in the order it was put. */
  Future<List<Stored>> pending();

  record Stored(long id, JsonObject entry) {}
}
