package org.csssim.internal.registration;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.internal.id.Hash64;

/**
 * The registrations of the model held in heap, by id and by meter point; and, where the store
 * can read registrations back ({@code bounded}), at most {@code inHeap} of them, those committed
 * last, with a 64-bit hash of each id that left and a count of them by meter point. A
 * registration leaves only once its last write is committed, so the store holds it as the heap
 * did. Lookups are lock-free; holding, committing and leaving take one lock, since commits are
 * seen on the store's thread and writes made on the engine's.
 */
final class HeldRegistrations {
  private final boolean bounded;
  private final int inHeap;
  private final Map<String, Registration> byId = new ConcurrentHashMap<>();
  private final Map<String, List<String>> idsByMpxn = new ConcurrentHashMap<>();
  /** Guards the three below, and a registration's leaving against its being held again. */
  private final Object lock = new Object();
  /** Registrations whose last write is committed, by id, the longest committed first: those that may leave. */
  private final LinkedHashMap<String, Registration> committed = new LinkedHashMap<>();
  private final LongHashSet leftIds = new LongHashSet();
  /** How many of a meter point's registrations are left in the store, by the hash of its MPxN. */
  private final LongIntHashMap leftByMpxn = new LongIntHashMap();

  HeldRegistrations(boolean bounded, int inHeap) {
    if (inHeap < 1) {
      throw new IllegalArgumentException("inHeap must be 1 or more");
    }
    this.bounded = bounded;
    this.inHeap = inHeap;
  }

  Registration get(String id) {
    return byId.get(id);
  }

  /** Those of meter point {@code mpxn} held, in the order they were first held. */
  List<Registration> of(String mpxn) {
    List<Registration> out = new ArrayList<>();
    if (mpxn == null) {
      return out;
    }
    for (String id : idsByMpxn.getOrDefault(mpxn, List.of())) {
      Registration r = byId.get(id);
      if (r != null) {   // it left meanwhile: the caller finds it left
        out.add(r);
      }
    }
    return out;
  }

  /** Holds {@code r}, in place of any registration of its id (one that had left included), then keeps the bound. */
  void hold(Registration r) {
    if (!bounded) {
      put(r);
      return;
    }
    synchronized (lock) {
      put(r);
      leave();
    }
  }

  /** {@code r}'s write is committed: unless written again since, it may leave. */
  void committed(Registration r) {
    synchronized (lock) {
      committed.remove(r.id());
      if (byId.get(r.id()) == r) {
        committed.put(r.id(), r);
      }
      leave();
    }
  }

  /** Registration {@code id} of meter point {@code mpxn} is in the store and not here (read so at start; unbounded, none is). */
  void leftAtStart(String id, String mpxn) {
    if (!bounded) {
      return;
    }
    synchronized (lock) {
      left(id, mpxn);
    }
  }

  /** Whether registration {@code id} may have left for the store (a shared hash may say so wrongly, never the reverse). */
  boolean isLeft(String id) {
    if (!bounded) {
      return false;
    }
    synchronized (lock) {
      return leftIds.contains(Hash64.of(id));
    }
  }

  /** Whether some registration of meter point {@code mpxn} may have left for the store. */
  boolean hasLeft(String mpxn) {
    if (!bounded) {
      return false;
    }
    synchronized (lock) {
      return leftByMpxn.containsKey(Hash64.of(mpxn));
    }
  }

  int size() {
    return byId.size();
  }

  int leftCount() {
    synchronized (lock) {
      return leftIds.size();
    }
  }

  private void put(Registration r) {
    if (byId.put(r.id(), r) != null) {
      return;
    }
    if (bounded && leftIds.remove(Hash64.of(r.id()))) {   // it had left: held again
      long m = Hash64.of(r.mpxn());
      if (leftByMpxn.addTo(m, -1) <= 0) {
        leftByMpxn.remove(m);
      }
    }
    idsByMpxn.compute(r.mpxn(), (k, ids) -> {
      List<String> next = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
      next.add(r.id());
      return List.copyOf(next);
    });
  }

  /**
   * Past {@code inHeap}, the registrations committed longest ago leave, each marked as left
   * before it goes, so that a lookup meanwhile finds it in one place or the other. One written
   * again since its commit stays: the store does not have that write yet.
   */
  private void leave() {
    Iterator<Registration> oldest = committed.values().iterator();
    while (byId.size() > inHeap && oldest.hasNext()) {
      Registration r = oldest.next();
      oldest.remove();
      if (byId.get(r.id()) != r) {
        continue;
      }
      left(r.id(), r.mpxn());
      idsByMpxn.computeIfPresent(r.mpxn(), (k, ids) -> {
        List<String> next = new ArrayList<>(ids);
        next.remove(r.id());
        return next.isEmpty() ? null : List.copyOf(next);
      });
      byId.remove(r.id(), r);
    }
  }

  private void left(String id, String mpxn) {
    if (leftIds.add(Hash64.of(id))) {
      leftByMpxn.addTo(Hash64.of(mpxn), 1);
    }
  }
}
