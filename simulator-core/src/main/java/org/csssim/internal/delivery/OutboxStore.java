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
  /**
   * Keeps a message ({@code eventId}, for {@code recipient}) with {@code unit}; answers its id
   * at once (the document asked for only by a store that keeps it).
   */
  long put(String recipient, String eventId, Supplier<JsonObject> message, Unit unit);

  /** Acknowledged by the party's system, or dropped: no longer owed. */
  void done(long id);

  /** Dead-lettered ({@code dead}) or sent again ({@code !dead}). */
  void dead(long id, boolean dead);

  /**
   * What is owed and what is dead, in the order it was put, without the messages: up to
   * {@code limit} entries after {@code afterId}.
   */
  Future<List<Entry>> entries(long afterId, int limit);

  /** Whether it keeps the messages themselves, so one that cannot be sent yet may wait in it rather than in heap. */
  default boolean keepsMessages() {
    return false;
  }

  /** The entries of {@code ids} it holds, in the order of their ids (only a store that keeps messages has any). */
  default Future<List<Stored>> read(long[] ids) {
    return Future.succeededFuture(List.of());
  }

  record Stored(long id, JsonObject message, boolean dead) {}

  /** An entry: its recipient and eventId are null when an earlier release wrote it (its message has them). */
  record Entry(long id, String recipient, String eventId, boolean dead) {}
}
