package org.csssim.internal.scenario;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Supplier;
import org.csssim.internal.unit.Unit;

/**
 * Live scenario instances as documents, by id: the scenario engine's port. A store that keeps
 * them also finds them by what they are found by while they wait, so that an instance whose
 * wait is long can be left {@linkplain Dormancy dormant} in the store, out of the heap, and read
 * back when a message for it comes or its wait nears its end.
 */
public interface InstanceStore {
  /** No wait's end: what a dormant instance waiting only for a message is filed under. */
  long NO_END = Long.MAX_VALUE;

  /**
   * What a saved instance is found by without reading its state: the hash of its live key
   * (scenario, acting party and key), the party it acts as, and, for one left dormant, the
   * epoch millisecond its wait ends ({@link #NO_END} for none; null for one held in heap).
   */
  record Index(long liveKey, String actingMpid, Long dormantUntil) {}

  /** The state is asked for only by a store that keeps it: the memory store never builds it. */
  void save(String id, Supplier<JsonObject> state, Index index, Unit unit);

  void forget(String id, Unit unit);

  /** The instances held in heap: all that are not dormant. Read at start. */
  Future<List<JsonObject>> resident();

  /** Whether this store keeps instances, so that they may be left in it while they wait. */
  default boolean keepsInstances() {
    return false;
  }

  /** The live-key hashes of the dormant instances, one for each. Read at start. */
  default Future<long[]> dormantKeys() {
    return Future.succeededFuture(new long[0]);
  }

  /** The dormant instances filed under the live-key hash {@code liveKey} (almost always none or one). */
  default Future<List<JsonObject>> dormant(long liveKey) {
    return Future.succeededFuture(List.of());
  }

  /**
   * The dormant instances whose wait ends by {@code until}, after the position (end, id) given
   * ({@code afterId} null: every one ending after {@code after}), in that order, at most {@code limit}.
   */
  default Future<List<JsonObject>> dormantEnding(long after, String afterId, long until, int limit) {
    return Future.succeededFuture(List.of());
  }

  /** The earliest end of a dormant instance's wait after {@code after} (epoch ms), or null. */
  default Future<Long> firstDormantEnd(long after) {
    return Future.succeededFuture(null);
  }

  /** The dormant instances {@code actingMpid} acts in. */
  default Future<List<JsonObject>> dormantOf(String actingMpid) {
    return Future.succeededFuture(List.of());
  }

  /** Dormant instances for the operator's view, soonest ending first, at most {@code limit}. */
  default Future<List<JsonObject>> dormantSoonest(int limit) {
    return Future.succeededFuture(List.of());
  }

  /** The saved state of instance {@code id}, or null. */
  default Future<JsonObject> state(String id) {
    return Future.succeededFuture(null);
  }
}
