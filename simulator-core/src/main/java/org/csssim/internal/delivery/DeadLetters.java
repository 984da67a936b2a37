package org.csssim.internal.delivery;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.id.Hash64;
import org.csssim.internal.routing.Routed;

/**
 * The messages whose every attempt failed, kept for the operator until resent. A receiver that
 * is down for a weekend in a shared environment dead-letters everything sent to it; held whole
 * in heap (about 1.2 KB each) they grew it without bound. On a store that keeps messages the
 * store's outbox has them (marked dead), and this keeps only each one's id, by party, and the
 * hash of its eventId to find it by when it is resent (a few tens of bytes). A store that does not
 * keep them has them kept here whole. Two eventIds of one hash (once in 2^64) would share an
 * entry. Owned by the delivery's context.
 */
final class DeadLetters {
  private final boolean stored;
  private final Map<String, LongHashSet> byParty = new HashMap<>();
  private final LongLongHashMap byEventId = new LongLongHashMap();
  /** The messages themselves, when the store does not keep them. */
  private final LongObjectHashMap<Routed> here = new LongObjectHashMap<>();

  /** {@code stored}: the store keeps each message, so the heap need not. */
  DeadLetters(boolean stored) {
    this.stored = stored;
  }

  /**
   * Keeps the outbox's {@code id}, {@code eventId} for {@code mpid}, and {@code m} itself when
   * the store does not; false when it was kept already (an injected duplicate).
   */
  boolean add(long id, String mpid, String eventId, Routed m) {
    if (!byParty.computeIfAbsent(mpid, k -> new LongHashSet()).add(id)) {
      return false;
    }
    byEventId.put(Hash64.of(eventId), id);
    if (!stored) {
      here.put(id, m);
    }
    return true;
  }

  /** Takes the dead letter of {@code eventId} out: its id and party, or null when there is none. */
  Taken remove(String eventId) {
    long hash = Hash64.of(eventId);
    if (!byEventId.containsKey(hash)) {
      return null;
    }
    long id = byEventId.remove(hash);
    here.remove(id);
    for (Map.Entry<String, LongHashSet> e : byParty.entrySet()) {
      if (e.getValue().remove(id)) {
        return new Taken(id, e.getKey());
      }
    }
    return null;
  }

  record Taken(long id, String mpid) {}

  /** The ids of {@code mpid}'s dead letters (every party's when null), in the order they were sent. */
  long[] ids(String mpid) {
    long[] out = byParty.entrySet().stream().filter(e -> mpid == null || e.getKey().equals(mpid))
        .flatMapToLong(e -> Arrays.stream(e.getValue().toArray())).toArray();
    Arrays.sort(out);
    return out;
  }

  /** Those of {@code ids} kept here whole; the rest the store has. */
  List<Routed> here(long[] ids) {
    return Arrays.stream(ids).filter(here::containsKey).mapToObj(here::get).toList();
  }
}
