package org.csssim.internal.delivery;

import com.carrotsearch.hppc.LongArrayDeque;
import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.routing.Routed;

/**
 * The messages a party cannot be sent yet, left in the store's outbox instead of the heap. A
 * physical party with neither a webhook nor a URL keeps every message for it until it has one;
 * held in heap (about 1.2 KB each), a party left unconnected in a shared environment for weeks
 * grew the heap without bound, and each young collection copied them until they were promoted.
 * Here each costs its outbox id (8 bytes), in the order it came, and is read back in pages
 * once the party has somewhere to receive it.
 *
 * <p>A message is parked as it comes, often before its unit is committed: until then it is
 * <em>unsettled</em>, kept here whole (the operator sees it waiting at once), and nothing from
 * its place on is read back, as the store does not have it yet. One whose write failed stays
 * here whole, since the store never will have it.
 * Owned by the delivery's context.
 */
final class ParkedMessages {
  private static final class Queue {
    final LongArrayDeque ids = new LongArrayDeque();
    /** The messages whose unit is not committed yet. */
    final LongObjectHashMap<Routed> unsettled = new LongObjectHashMap<>();
    /** The messages whose write failed: only here. */
    final LongObjectHashMap<Routed> unstored = new LongObjectHashMap<>();
    /** Taken to be read back, not yet queued to send (the oldest): still listed as waiting. */
    long[] page = NONE;
  }

  private static final long[] NONE = new long[0];
  private final Map<String, Queue> byParty = new HashMap<>();

  /** Whether {@code mpid} has messages parked or being read back: a new one must park behind them. */
  boolean holds(String mpid) {
    return byParty.containsKey(mpid);
  }

  /**
   * Parks the message {@code id} for {@code mpid}: in the store, or {@code unsettled}, the
   * message itself, until its unit is {@link #settled}.
   */
  void park(String mpid, long id, Routed unsettled) {
    Queue q = byParty.computeIfAbsent(mpid, k -> new Queue());
    q.ids.addLast(id);
    if (unsettled != null) {
      q.unsettled.put(id, unsettled);
    }
  }

  /** The unit of {@code id} is committed, or its write {@code failed}. */
  void settled(String mpid, long id, boolean failed) {
    Queue q = byParty.get(mpid);
    Routed m = q == null ? null : q.unsettled.remove(id);
    if (m != null && failed) {
      q.unstored.put(id, m);
    }
  }

  /**
   * Takes up to {@code max} ids from the front to read back, oldest first, up to the first one
   * not yet in the store; none while a page is being read, so pages keep their order.
   */
  long[] take(String mpid, int max) {
    Queue q = byParty.get(mpid);
    if (q == null || q.page.length > 0) {
      return NONE;
    }
    LongArrayList out = new LongArrayList();
    while (out.size() < max && !q.ids.isEmpty() && !q.unsettled.containsKey(q.ids.getFirst())) {
      out.add(q.ids.removeFirst());
    }
    q.page = out.toArray();
    return q.page;
  }

  /** A page taken is queued to send; {@code mpid} no longer holds anything when it was the last. */
  void read(String mpid) {
    Queue q = byParty.get(mpid);
    if (q == null) {
      return;
    }
    q.page = NONE;
    if (q.ids.isEmpty()) {
      byParty.remove(mpid);
    }
  }

  /** A page taken could not be read: it goes back to the front, to be read again. */
  void unread(String mpid, long[] ids) {
    Queue q = byParty.get(mpid);
    for (int i = ids.length - 1; i >= 0; i--) {
      q.ids.addFirst(ids[i]);
    }
    q.page = NONE;
  }

  /** The message of {@code id} whose write failed, taken out; null when the store has it. */
  Routed unstored(String mpid, long id) {
    Queue q = byParty.get(mpid);
    return q == null ? null : q.unstored.remove(id);
  }

  /** How many wait for {@code mpid} here, a page being read included. */
  int count(String mpid) {
    Queue q = byParty.get(mpid);
    return q == null ? 0 : q.ids.size() + q.page.length;
  }

  /**
   * What is parked for {@code mpid}, a page being read back included (until it is queued to
   * send, where the listing finds it next): the ids the store has, and the messages kept here.
   */
  Snapshot snapshot(String mpid) {
    Queue q = byParty.get(mpid);
    if (q == null) {
      return new Snapshot(new long[0], List.of());
    }
    LongArrayList stored = new LongArrayList();
    List<Routed> here = new ArrayList<>();
    for (long id : q.page) {
      list(q, id, stored, here);
    }
    for (LongCursor c : q.ids) {
      list(q, c.value, stored, here);
    }
    return new Snapshot(stored.toArray(), here);
  }

  private static void list(Queue q, long id, LongArrayList stored, List<Routed> here) {
    Routed m = q.unsettled.containsKey(id) ? q.unsettled.get(id) : q.unstored.get(id);
    if (m == null) {
      stored.add(id);
    } else {
      here.add(m);
    }
  }

  record Snapshot(long[] stored, List<Routed> here) {}
}
