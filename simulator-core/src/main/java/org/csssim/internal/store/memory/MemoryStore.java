package org.csssim.internal.store.memory;

import io.vertx.core.Future;
import org.csssim.internal.clock.ClockStore;
import org.csssim.internal.delivery.OutboxStore;
import org.csssim.internal.delivery.SubscriptionStore;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.party.ConnectionStore;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.store.Store;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.unit.Units;
import org.csssim.internal.wire.IdempotencyStore;

/** {@code store.kind: memory}: the journal and the eventId record bounded in heap, nothing else kept. */
public final class MemoryStore implements Store {
  private final MemoryJournal journal;
  private final MemoryIdempotency idempotency;
  private final Units units = new MemoryUnits();
  private final MemoryPorts.Inbox inbox = new MemoryPorts.Inbox();
  private final MemoryPorts.Outbox outbox = new MemoryPorts.Outbox();
  private final MemoryPorts.Instances instances = new MemoryPorts.Instances();
  private final MemoryPorts.Documents documents = new MemoryPorts.Documents();
  private final MemoryPorts.Clock clock = new MemoryPorts.Clock();

  public MemoryStore(int journalCapacity, int idempotencyCapacity) {
    this.journal = new MemoryJournal(journalCapacity);
    this.idempotency = new MemoryIdempotency(idempotencyCapacity);
  }

  @Override
  public StoreOptions.Kind kind() {
    return StoreOptions.Kind.memory;
  }

  @Override
  public boolean durable() {
    return false;
  }

  @Override
  public String description() {
    return "memory (nothing outlives the process)";
  }

  @Override
  public Units units() {
    return units;
  }

  @Override
  public JournalStore journal() {
    return journal;
  }

  @Override
  public IdempotencyStore idempotency() {
    return idempotency;
  }

  @Override
  public InboxStore inbox() {
    return inbox;
  }

  @Override
  public OutboxStore outbox() {
    return outbox;
  }

  @Override
  public InstanceStore instances() {
    return instances;
  }

  @Override
  public ConnectionStore connections() {
    return documents;
  }

  @Override
  public SubscriptionStore subscriptions() {
    return documents;
  }

  @Override
  public RegistrationStore registrations() {
    return RegistrationStore.NONE;
  }

  @Override
  public ClockStore clock() {
    return clock;
  }

  @Override
  public Status status() {
    return new Status(kind().name(), description(), null, null, null, null, false, null);
  }

  @Override
  public void startRetention() {
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
