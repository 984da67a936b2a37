package org.csssim.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.csssim.wire.IdempotencyStore;

/**
 * What must outlive the process besides the journal: the record of accepted eventIds, the
 * inbox (accepted messages for simulated parties not yet handled by their scripts), the outbox
 * (messages for physical parties not yet acknowledged), scenario instances, and small
 * documents (meter points, registrations, allocations, subscriptions, connections, the clock).
 *
 * <p>The components keep their working state in memory and tell this store of each change;
 * a change is queued at once and committed behind, in order. A method that answers a future
 * completes when its change is committed: that is what an acknowledgement waits for. At start
 * the loaders give back what was committed. {@link MemoryStateStore} forgets everything.
 */
public interface StateStore {
  /** True when changes outlive the process. */
  boolean durable();

  /** Which store, and where: for the operator. */
  String description();

  // ---- the intake's record of accepted eventIds ----

  void claimed(IdempotencyStore.StoredAck ack);

  void released(String eventId);

  /** The newest {@code limit} claims, oldest first. */
  Future<List<IdempotencyStore.StoredAck>> claims(int limit);

  // ---- inbox and outbox: a message as a JSON document, under an id given here ----

  /** A stored message and its id; {@code dead} for an outbox message whose every attempt failed. */
  record Stored(long id, JsonObject message, boolean dead) {}

  /** A message's id in the inbox or outbox, given at once, and when its write is committed. */
  record Queued(long id, Future<Void> committed) {}

  /**
   * Stores a message accepted for the scripts (or handed from one simulated party to another).
   * The document is asked for only by a store that keeps it: the memory store never builds it.
   */
  Queued inbox(java.util.function.Supplier<JsonObject> message);

  /** The scripts have handled it (and what they did is queued before this). */
  void inboxDone(long id);

  Future<List<Stored>> inboxPending();

  /** Stores a message for a physical party's system (the document asked for as for the inbox). */
  Queued outbox(java.util.function.Supplier<JsonObject> message);

  /** Acknowledged by the party's system, or dropped: no longer owed. */
  void outboxDone(long id);

  /** Dead-lettered ({@code dead}) or sent again ({@code !dead}). */
  void outboxDead(long id, boolean dead);

  Future<List<Stored>> outboxPending();

  // ---- scenario instances, by id ----

  void saveInstance(String id, JsonObject state);

  void forgetInstance(String id);

  Future<List<JsonObject>> instances();

  // ---- documents: small state by kind and id ----

  void put(String kind, String id, JsonObject body);

  void remove(String kind, String id);

  Future<List<JsonObject>> documents(String kind);

  /**
   * Runs {@code work} so that every change it makes on this thread commits together, or none
   * of it: one step of a script, with the messages it sent.
   */
  <T> T unit(java.util.function.Supplier<T> work);

  /** Completes when there is room for more changes: at once, unless a backlog of them waits to be committed. */
  Future<Void> room();

  /** Completes when every change queued so far is committed. */
  Future<Void> drained();

  Future<Void> close();
}
