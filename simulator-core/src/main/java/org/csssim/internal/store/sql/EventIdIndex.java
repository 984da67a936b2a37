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
 *
 * <p>An index may start {@linkplain #partial() partial}: holding only what was added since, while
 * the claims the store held before are still being read. Until those are {@linkplain
 * #addOlder added} it answers that the store may hold any eventId.
 */
final class EventIdIndex {
  private final int capacity;
  private final LongArrayDeque order = new LongArrayDeque();
  /** How many claims of the window have each hash: almost always one. */
  private final LongIntHashMap counts = new LongIntHashMap();
  private long forgotten;
  private boolean complete;

  /** An index of every claim the store holds: none yet. */
  EventIdIndex(int capacity) {
    this(capacity, true);
  }

  private EventIdIndex(int capacity, boolean complete) {
    this.capacity = capacity;
    this.complete = complete;
  }

  /** An index that lacks the claims the store held before it, until {@link #addOlder} gives them. */
  static EventIdIndex partial(int capacity) {
    return new EventIdIndex(capacity, false);
  }

  /**
   * Puts the hashes of the claims the store held before this index was made, oldest first,
   * before every claim added since; past the capacity the oldest of them are forgotten. The
   * index is then complete.
   */
  synchronized void addOlder(long[] hashesOldestFirst) {
    long[] since = order.toArray();
    order.clear();
    counts.clear();
    for (long h : hashesOldestFirst) {
      put(h);
    }
    for (long h : since) {
      put(h);
    }
    trim();
    complete = true;
  }

  /** Adds a claim for {@code eventId}, newest; forgets the oldest past the capacity. */
  synchronized void add(String eventId) {
    put(Hash64.of(eventId));
    trim();
  }

  private void put(long h) {
    order.addLast(h);
    counts.addTo(h, 1);
  }

  private void trim() {
    while (order.size() > capacity) {
      long oldest = order.removeFirst();
      if (counts.addTo(oldest, -1) <= 0) {
        counts.remove(oldest);
      }
      forgotten++;
    }
  }

  /** False when the store holds no claim for {@code eventId}; true when it may (always, while partial). */
  synchronized boolean mayHold(String eventId) {
    return !complete || counts.containsKey(Hash64.of(eventId));
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
