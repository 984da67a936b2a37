package org.csssim.internal.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.unit.Unit;

/**
 * Messages for physical parties that their systems have not acknowledged, and the dead
 * letters: webhook delivery's port; the store implements it. A message is sent only once its
 * entry is committed, so one that went out is never lost or made again after a crash.
 */
public interface OutboxStore {
  /** Keeps a message with {@code unit}; answers its id at once (the document asked for only by a store that keeps it). */
  long put(Supplier<JsonObject> message, Unit unit);

  /** Acknowledged by the party's system, or dropped: no longer owed. */
  void done(long id);

  /** Dead-lettered ({@code dead}) or sent again ({@code !dead}). */
  void dead(long id, boolean dead);

  /** What is owed and what is dead, in the order it was put. */
  Future<List<Stored>> pending();

  record Stored(long id, JsonObject message, boolean dead) {}
}
