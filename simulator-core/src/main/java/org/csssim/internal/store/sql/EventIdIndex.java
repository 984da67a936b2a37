package org.csssim.internal.store.sql;

import com.carrotsearch.hppc.LongArrayDeque;
import com.carrotsearch.hppc.LongIntHashMap;
import org.csssim.internal.id.Hash64;

/**
 * Which eventIds the store may hold a claim for, as 64-bit hashes in heap, oldest first, at most
 * {@code capacity}: 24 bytes a claim, where the claim itself (its eventId, the body's digest and
 * the acknowledgement) took some 370. A hash it does not hold means the store holds no claim for
 * that eventId; one it holds means the store may, which the store is then asked (two eventIds
 * share a hash once in 2^64, and a released claim leaves its hash here). Past the capacity the
 * oldest are forgotten, as {@link Retention} trims the table. Thread-safe.
 */
final class EventIdIndex {
  private final int capacity;
  private final LongArrayDeque order = new LongArrayDeque();
  /** How many claims of the window have each hash: almost always one. */
  private final LongIntHashMap counts = new LongIntHashMap();
  private long forgotten;

  EventIdIndex(int capacity) {
    this.capacity = capacity;
  }

  /** Adds a claim for {@code eventId}, newest; forgets the oldest past the capacity. */
  synchronized void add(String eventId) {
    long h = Hash64.of(eventId);
    order.addLast(h);
    counts.addTo(h, 1);
    while (order.size() > capacity) {
      long oldest = order.removeFirst();
      if (counts.addTo(oldest, -1) <= 0) {
        counts.remove(oldest);
      }
      forgotten++;
    }
  }

  /** False when the store holds no claim for {@code eventId}; true when it may. */
  synchronized boolean mayHold(String eventId) {
    return counts.containsKey(Hash64.of(eventId));
  }

  int capacity() {
    return capacity;
  }

  synchronized int size() {
    return order.size();
  }

  synchronized long forgotten() {
    return forgotten;
  }
}
