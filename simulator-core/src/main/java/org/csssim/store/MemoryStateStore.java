package org.csssim.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.wire.IdempotencyStore;

/** The store of {@code store.kind: memory}: hands out ids and keeps nothing, so a restart starts afresh. */
public final class MemoryStateStore implements StateStore {
  private final AtomicLong ids = new AtomicLong();

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public String description() {
    return "memory (nothing outlives the process)";
  }

  @Override
  public void claimed(IdempotencyStore.StoredAck ack) {
  }

  @Override
  public void released(String eventId) {
  }

  @Override
  public Future<List<IdempotencyStore.StoredAck>> claims(int limit) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Queued inbox(java.util.function.Supplier<JsonObject> message) {
    return new Queued(ids.incrementAndGet(), Future.succeededFuture());
  }

  @Override
  public void inboxDone(long id) {
  }

  @Override
  public Future<List<Stored>> inboxPending() {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Queued outbox(java.util.function.Supplier<JsonObject> message) {
    return new Queued(ids.incrementAndGet(), Future.succeededFuture());
  }

  @Override
  public void outboxDone(long id) {
  }

  @Override
  public void outboxDead(long id, boolean dead) {
  }

  @Override
  public Future<List<Stored>> outboxPending() {
    return Future.succeededFuture(List.of());
  }

  @Override
  public void saveInstance(String id, JsonObject state) {
  }

  @Override
  public void forgetInstance(String id) {
  }

  @Override
  public Future<List<JsonObject>> instances() {
    return Future.succeededFuture(List.of());
  }

  @Override
  public void put(String kind, String id, JsonObject body) {
  }

  @Override
  public void remove(String kind, String id) {
  }

  @Override
  public Future<List<JsonObject>> documents(String kind) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public <T> T unit(java.util.function.Supplier<T> work) {
    return work.get();
  }

  @Override
  public Future<Void> room() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> drained() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
