package org.csssim.internal.store.memory;

import io.vertx.core.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.wire.IdempotencyStore;

/**
 * A bounded idempotency store in heap. Past its capacity the oldest eventIds are forgotten
 * (and counted, shown by {@code /health}): a resend of a forgotten one would be processed
 * again, which is why the capacity is large by default.
 */
public final class MemoryIdempotency implements IdempotencyStore {
  private final int capacity;
  private final ConcurrentHashMap<String, StoredAck> acks = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final AtomicLong forgotten = new AtomicLong();

  public MemoryIdempotency(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public Future<Claim> claim(StoredAck ack, Unit unit) {
    StoredAck earlier = acks.putIfAbsent(ack.eventId(), ack);
    if (earlier != null) {
      return Future.succeededFuture(new Claim(false, earlier));
    }
    order.add(ack.eventId());
    while (acks.size() > capacity) {
      String oldest = order.poll();
      if (oldest == null) {
        break;
      }
      if (acks.remove(oldest) != null) {
        forgotten.incrementAndGet();
      }
    }
    return Future.succeededFuture(new Claim(true, null));
  }

  @Override
  public Future<Void> release(String eventId) {
    acks.remove(eventId);
    return Future.succeededFuture();
  }

  @Override
  public Stats stats() {
    return new Stats(acks.size(), capacity, forgotten.get());
  }
}
