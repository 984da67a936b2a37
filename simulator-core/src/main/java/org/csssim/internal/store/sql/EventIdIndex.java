package org.csssim.internal.store.sql;

import com.carrotsearch.hppc.LongArrayList;
import java.util.ArrayDeque;
import org.csssim.internal.id.Hash64;

/**
 * Which eventIds the store may hold a claim for, in a heap of fixed size, whatever the run's
 * length: the window of {@code capacity} claims is cut into {@value #GENERATIONS} generations,
 * each a Bloom filter of {@value #BITS_PER_CLAIM} bits a claim (under 2 bytes, where the claim
 * itself took some 370 in the store), and the oldest generation is dropped once a newer is full.
 * So the newest {@code capacity} claims are always held, and up to a generation more.
 *
 * <p>An eventId it does not hold: the store holds no claim for it (every new one, but about one
 * in a hundred; no read). One it holds: the store may, which the store is then asked (a claim
 * older than the window the store may have trimmed, a released claim, or a filter's false
 * positive). A table of exact hashes took 24 bytes a claim and grew with every switch until the
 * capacity, a million claims or 24 MB; this takes 2 MB at that capacity. Thread-safe.
 *
 * <p>An index may start {@linkplain #partial() partial}: holding only what was added since, while
 * the claims the store held before are still being read. Until those are {@linkplain
 * #addOlder added} it answers that the store may hold any eventId.
 */
final class EventIdIndex {
  /** Full generations kept beside the one being filled: together they hold at least the capacity. */
  static final int GENERATIONS = 4;
  /** With {@link #PROBES} probes, about one false positive in 500 a generation: under 1% in all. */
  static final int BITS_PER_CLAIM = 13;
  static final int PROBES = 9;

  private final int capacity;
  private final int perGeneration;
  /** Oldest first; the last is being filled. */
  private final ArrayDeque<Filter> generations = new ArrayDeque<>();
  private long added;
  /** While partial, the hashes added, to put after the older claims once they are read. */
  private LongArrayList since;

  /** An index of every claim the store holds: none yet. */
  EventIdIndex(int capacity) {
    this(capacity, true);
  }

  private EventIdIndex(int capacity, boolean complete) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be 1 or more");
    }
    this.capacity = capacity;
    this.perGeneration = (capacity + GENERATIONS - 1) / GENERATIONS;
    this.since = complete ? null : new LongArrayList();
    generations.add(new Filter(perGeneration));
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
    long[] sinceThen = since == null ? new long[0] : since.toArray();
    since = null;
    added = 0;
    for (long h : hashesOldestFirst) {
      put(h);
    }
    for (long h : sinceThen) {
      put(h);
    }
  }

  /** Adds a claim for {@code eventId}, newest; drops the oldest generation once a newer is full. */
  synchronized void add(String eventId) {
    long h = Hash64.of(eventId);
    if (since == null) {
      put(h);
    } else {   // into the filters after the older claims; until then every eventId may be held
      since.add(h);
      added++;
    }
  }

  private void put(long h) {
    Filter newest = generations.peekLast();
    if (newest.count == perGeneration) {
      newest = new Filter(perGeneration);
      generations.addLast(newest);
      if (generations.size() > GENERATIONS + 1) {
        generations.removeFirst();
      }
    }
    newest.add(h);
    added++;
  }

  /** False when the store holds no claim for {@code eventId}; true when it may (always, while partial). */
  synchronized boolean mayHold(String eventId) {
    if (since != null) {
      return true;
    }
    long h = Hash64.of(eventId);
    for (Filter f : generations) {
      if (f.mayHold(h)) {
        return true;
      }
    }
    return false;
  }

  int capacity() {
    return capacity;
  }

  /** Claims in the window: those added, up to the capacity (a resend of one is a duplicate). */
  synchronized int size() {
    return (int) Math.min(added, capacity);
  }

  /** Claims added past the capacity: older than the window, a resend of one may be processed again. */
  synchronized long forgotten() {
    return Math.max(0, added - capacity);
  }

  /** Bytes the filters take now: at most {@code (GENERATIONS + 1)} generations' worth. */
  synchronized long bytes() {
    long bytes = 0;
    for (Filter f : generations) {
      bytes += 8L * f.bits.length;
    }
    return bytes;
  }

  /**
   * A Bloom filter over a 64-bit hash: its probes are {@code h1 + i * h2} (Kirsch and
   * Mitzenmacher), with the two halves spread again so that hashes alike in their low bits
   * probe apart.
   */
  private static final class Filter {
    final long[] bits;
    final long size;
    int count;

    Filter(int claims) {
      size = Math.max(64, (long) claims * BITS_PER_CLAIM);
      bits = new long[(int) ((size + 63) / 64)];
    }

    void add(long h) {
      long step = step(h);
      for (int i = 0; i < PROBES; i++) {
        long bit = bit(h, step, i);
        bits[(int) (bit >>> 6)] |= 1L << bit;
      }
      count++;
    }

    boolean mayHold(long h) {
      long step = step(h);
      for (int i = 0; i < PROBES; i++) {
        long bit = bit(h, step, i);
        if ((bits[(int) (bit >>> 6)] & 1L << bit) == 0) {
          return false;
        }
      }
      return true;
    }

    /** Probe {@code i}'s bit: {@code h1 + i * h2}, with {@code h2} the hash spread again. */
    private long bit(long h, long step, int i) {
      return Math.floorMod(h + i * step, size);
    }

    private static long step(long h) {
      long x = Long.rotateLeft(h, 32) * 0x9e3779b97f4a7c15L;
      return (x ^ (x >>> 29)) | 1;
    }
  }
}
