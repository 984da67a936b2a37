package org.csssim.store;

import io.vertx.core.Future;
import org.csssim.wire.IdempotencyStore;
import org.csssim.wire.InMemoryIdempotencyStore;

/**
 * The intake's record of accepted eventIds: answered from memory, every fresh claim and
 * release also queued to the store. The claim commits no later than the journal entry the
 * acknowledgement waits for (queued after it), so a resend after a restart is still a
 * duplicate. At start the newest claims, up to the capacity, are read back.
 */
public final class DurableIdempotency implements IdempotencyStore {
  private final InMemoryIdempotencyStore memory;
  private final StateStore store;

  private DurableIdempotency(InMemoryIdempotencyStore memory, StateStore store) {
    this.memory = memory;
    this.store = store;
  }

  public static Future<IdempotencyStore> open(StateStore store, int capacity) {
    InMemoryIdempotencyStore memory = new InMemoryIdempotencyStore(capacity);
    if (!store.durable()) {
      return Future.succeededFuture(memory);
    }
    return store.claims(capacity).map(claims -> {
      claims.forEach(memory::claim);   // oldest first, so the oldest are forgotten first again
      return new DurableIdempotency(memory, store);
    });
  }

  @Override
  public Future<Claim> claim(StoredAck ack) {
    return memory.claim(ack).onSuccess(c -> {
      if (c.fresh()) {
        store.claimed(ack);
      }
    });
  }

  @Override
  public Future<Void> release(String eventId) {
    store.released(eventId);
    return memory.release(eventId);
  }

  @Override
  public Stats stats() {
    return memory.stats();
  }
}
