package org.csssim.internal.store.memory;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.csssim.internal.clock.ClockStore;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.delivery.OutboxStore;
import org.csssim.internal.delivery.SubscriptionStore;
import org.csssim.internal.party.ConnectionStore;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.unit.Unit;

/**
 * The state ports of {@code store.kind: memory}. The components keep their working state in
 * heap already, so these hand out ids, keep nothing and never build a document: a restart
 * starts afresh.
 */
final class MemoryPorts {
  private MemoryPorts() {}

  static final class Inbox implements InboxStore {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long put(Supplier<JsonObject> entry, Unit unit) {
      return ids.incrementAndGet();
    }

    @Override
    public void done(long id, Unit unit) {
    }

    @Override
    public Future<List<Stored>> pending() {
      return Future.succeededFuture(List.of());
    }
  }

  static final class Outbox implements OutboxStore {
    private final AtomicLong ids = new AtomicLong();

    @Override
    public long put(String recipient, String eventId, Supplier<JsonObject> message, Unit unit) {
      return ids.incrementAndGet();
    }

    @Override
    public void done(long id) {
    }

    @Override
    public void dead(long id, boolean dead) {
    }

    @Override
    public Future<List<Entry>> entries(long afterId, int limit) {
      return Future.succeededFuture(List.of());
    }
  }

  static final class Instances implements InstanceStore {
    @Override
    public void save(String id, Supplier<JsonObject> state, Index index, Unit unit) {
    }

    @Override
    public void forget(String id, Unit unit) {
    }

    @Override
    public Future<List<JsonObject>> resident() {
      return Future.succeededFuture(List.of());
    }
  }

  /** Connections and subscriptions: documents by id, none kept. */
  static final class Documents implements ConnectionStore, SubscriptionStore {
    @Override
    public void save(String id, JsonObject document) {
    }

    @Override
    public void remove(String id) {
    }

    @Override
    public Future<List<JsonObject>> all() {
      return Future.succeededFuture(List.of());
    }
  }

  static final class Clock implements ClockStore {
    @Override
    public void save(SimulatorClock.Saved clock) {
    }

    @Override
    public Future<Optional<SimulatorClock.Saved>> load() {
      return Future.succeededFuture(Optional.empty());
    }
  }
}
