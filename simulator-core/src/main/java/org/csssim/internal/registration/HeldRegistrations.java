package org.csssim.internal.registration;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The registrations of the model held in heap, by id and by meter point; and, where the store
 * can read registrations back ({@code bounded}), at most {@code inHeap} of them, those committed
 * last. A registration leaves only once its last write is committed, so the store holds it as
 * the heap did. What the heap keeps of those that left does not grow with them: the greatest id
 * that left (the ids the simulator mints are time-ordered, so a new one is above it and known
 * not to be in the store without a read) and, through {@code leftOf}, a mark on the meter point.
 * Lookups are lock-free; holding, committing and leaving take one lock, since commits are seen
 * on the store's thread and writes made on the engine's.
 */
final class HeldRegistrations {
  private final boolean bounded;
  private final int inHeap;
  /** Told the MPxN of each registration that leaves, before it goes. */
  private final Consumer<String> leftOf;
  private final Map<String, Registration> byId = new ConcurrentHashMap<>();
  private final Map<String, List<String>> idsByMpxn = new ConcurrentHashMap<>();
  /** Guards the two below, and a registration's leaving against its being held again. */
  private final Object lock = new Object();
  /** Registrations whose last write is committed, by id, the longest committed first: those that may leave. */
  private final LinkedHashMap<String, Registration> committed = new LinkedHashMap<>();
  /** Registrations in the store only: those that left, less those held again. */
  private int left;
  /** The greatest id of a registration that left (set before it goes), or null: none above it is in the store only. */
  private volatile String greatestLeft;

  HeldRegistrations(boolean bounded, int inHeap, Consumer<String> leftOf) {
    if (inHeap < 1) {
      throw new IllegalArgumentException("inHeap must be 1 or more");
    }
    this.bounded = bounded;
    this.inHeap = inHeap;
    this.leftOf = leftOf;
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

  /**
   * Holds {@code r}, in place of any registration of its id, then keeps the bound. {@code
   * existed}: a registration of its id was there before this write, in heap or in the store (as
   * the caller found it); if it is not in heap now, it was in the store only and is held again.
   */
  void hold(Registration r, boolean existed) {
    if (!bounded) {
      put(r, false);
      return;
    }
    synchronized (lock) {
      put(r, existed);
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

  /**
   * Whether registration {@code id}, not held, may be in the store only: one may, unless its id
   * is above every id that left (as every id the simulator minted since is).
   */
  boolean mayHaveLeft(String id) {
    String greatest = greatestLeft;
    return bounded && greatest != null && id.compareTo(greatest) <= 0;
  }

  int size() {
    return byId.size();
  }

  int leftCount() {
    synchronized (lock) {
      return left;
    }
  }

  private void put(Registration r, boolean existed) {
    if (byId.put(r.id(), r) != null) {
      return;
    }
    if (existed && bounded) {   // it had left: held again
      left--;
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

  /** Before {@code id} goes: marked so that a lookup meanwhile finds it in one place or the other. */
  private void left(String id, String mpxn) {
    String greatest = greatestLeft;
    if (greatest == null || id.compareTo(greatest) > 0) {
      greatestLeft = id;
    }
    leftOf.accept(mpxn);
    left++;
  }
}
