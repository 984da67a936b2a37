package org.csssim.internal.scenario;

import com.carrotsearch.hppc.LongIntHashMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.csssim.internal.clock.TimerService;
import org.csssim.internal.unit.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances left in the store while they wait. A switch waits weeks for its supply start date;
 * held in heap, every waiting switch of a run that lasts weeks stayed there, and a shared test
 * environment's heap grew until it ran out. An instance whose wait ends further ahead than the
 * horizon ({@code scenarios.dormantAfter}, simulated time), or waits for a message only, is
 * <em>dormant</em> once the turn that saved it is committed: it leaves the heap, which keeps
 * only the hash of its live key (about 20 bytes). It comes back, from its saved state as after
 * a restart, when a message for its key comes, and a horizon before its wait ends (the waker,
 * one timer in simulated time, reads those back in order of their end, so a jump of the clock
 * still fires every wait in time order).
 *
 * <p>Only a store that keeps instances can hold them, and a horizon of zero turns it off: then
 * every instance stays in heap, as with the memory store. Owned by the engine's context.
 */
final class Dormancy {
  private static final Logger LOG = LoggerFactory.getLogger(Dormancy.class);
  /** Instances read back by the waker at a time: a day on which a million waits end comes back in steps. */
  static final int PAGE = 1_000;
  /** The save a dormant instance left at, when it is not known (read at start, before anything changed). */
  private static final int ANY = -1;

  /** What the engine does for it. */
  interface Host {
    /** In a turn: these saved instances come back into heap (each armed again). */
    void bringBack(List<JsonObject> rows);

    /** An instance stays in heap after all: its wait's timer is set. */
    void keep(Instance inst);
  }

  private final InstanceStore store;
  private final TimerService timers;
  private final long horizon;
  private final Instances instances;
  private Host host;
  /** Left in the store, their turn's commit still to come. */
  private final Set<Instance> settling = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * The dormant instances: their live-key hashes, each with the number of the save it left
   * at. Two live keys of one hash (once in 2^64) would share an entry, and the one that left
   * first would then be skipped as it is read back.
   */
  private final LongIntHashMap dormant = new LongIntHashMap();
  private volatile int count;
  /** Every dormant instance whose wait ends by here (epoch ms; then by id, when {@link #readToId} is set) was read back. */
  private long readTo = Long.MIN_VALUE;
  private String readToId;
  private TimerService.Timer waker;
  private long wakerAt;

  Dormancy(InstanceStore store, TimerService timers, Duration horizon, Instances instances) {
    this.store = store;
    this.timers = timers;
    this.horizon = store.keepsInstances() && horizon != null ? horizon.toMillis() : 0;
    this.instances = instances;
  }

  void host(Host host) {
    this.host = host;
  }

  boolean on() {
    return horizon > 0;
  }

  /** Dormant instances now: readable from any thread. */
  int count() {
    return count;
  }

  /**
   * At start, before any instance is back: which are dormant, and those of them whose waits
   * ended while the simulator was down, for the engine to take back with the instances held in
   * heap, so that all the waits that fell due fire in deadline order; the waker then reads the
   * rest of the horizon.
   */
  Future<List<JsonObject>> start() {
    if (!on()) {
      return Future.succeededFuture(List.of());
    }
    long now = timers.clock().instant().toEpochMilli();
    return store.dormantKeys().compose(keys -> store.dormantEnding(Long.MIN_VALUE, null, now, Integer.MAX_VALUE)
        .compose(overdue -> timers.onOwner(() -> {
          for (long k : keys) {
            dormant.put(k, ANY);
          }
          count = dormant.size();
          readTo = now;
          wakeBy(now);
          return overdue;
        })));
  }

  /**
   * Whether {@code inst}, waiting, is to leave the heap: its wait ends beyond the horizon (and
   * beyond what the waker has read back).
   */
  boolean leaves(Instance inst) {
    if (!on()) {
      return false;
    }
    long floor = timers.clock().instant().toEpochMilli() + horizon;
    rewind(floor);
    return end(inst) > Math.max(floor, readTo);
  }

  /**
   * A clock set back leaves what the waker has read ahead of the horizon (otherwise it only
   * moves forward with the clock, and never past it). It is brought back to {@code floor}: every
   * dormant instance ends after the old mark, so none ends by the new one, and instances whose
   * waits end between the two may leave the heap again. Without this, a clock set back two days
   * (a tester replaying a window) kept every switch in heap until the clock caught up. Only an
   * instance that leaves can end in between, so this is done here, not when the clock moves. A
   * read of the waker's still in flight began after the clock was set back (the clock's changes
   * and the waker's reads are steps of the timer service, one at a time), so it leaves the mark
   * no higher than the clock's horizon.
   */
  private void rewind(long floor) {
    if (readTo > floor) {
      readTo = floor;
      readToId = null;
    }
  }

  /** {@code inst} is to leave the heap once its turn is committed; it has no timer meanwhile. */
  void settle(Instance inst) {
    settling.add(inst);
    long end = end(inst);
    if (end != InstanceStore.NO_END) {
      wakeBy(end - horizon);
    }
  }

  /** {@code inst} woke or ended before it left. */
  void unsettle(Instance inst) {
    settling.remove(inst);
  }

  /** The end its saved row is filed under: its wait's, for one leaving the heap; null for one that stays. */
  Long dormantUntil(Instance inst) {
    return settling.contains(inst) ? end(inst) : null;
  }

  /**
   * {@code inst}, just saved as leaving into {@code unit}, leaves once that unit is committed,
   * unless it was saved again since (the later save's commit then decides) or stays after all;
   * if the commit fails, it stays, with its timer.
   */
  void leavesWith(Instance inst, Unit unit) {
    int save = inst.saves;
    unit.committed().onComplete(ar -> timers.owner().runOnContext(v -> {
      if (inst.saves != save || !settling.remove(inst)) {
        return;
      }
      if (ar.succeeded()) {
        instances.evict(inst);
        dormant.put(Instances.hash(inst), save);
        count = dormant.size();
      } else {
        host.keep(inst);
      }
    }));
  }

  /** Whether a message with this live-key hash may be for a dormant instance (so the store is to be read). */
  boolean mayHold(long liveKey) {
    return dormant.containsKey(liveKey);
  }

  /**
   * Whether a row read back is a dormant instance as it last left: not one that came back
   * since the read began, nor an older save of one that left again. Taken as back if so.
   */
  boolean takeBack(JsonObject row) {
    long key = Instances.hash(row.getString("scenario"), row.getString("actingMpid"), row.getString("key"));
    int left = dormant.getOrDefault(key, Integer.MIN_VALUE);
    if (left == Integer.MIN_VALUE || left != ANY && left != row.getInteger("saves", 0)) {
      return false;
    }
    dormant.remove(key);
    count = dormant.size();
    return true;
  }

  // ---- the waker ----

  /** The waker is due by {@code at} (epoch ms): a horizon before the soonest end it has not read. */
  private void wakeBy(long at) {
    long now = timers.clock().instant().toEpochMilli();
    at = Math.max(at, now);
    if (waker != null && wakerAt <= at) {
      return;
    }
    if (waker != null) {
      waker.cancel();
    }
    wakerAt = at;
    waker = timers.schedule(Instant.ofEpochMilli(at), this::wake);
  }

  /**
   * Reads back, a page at a time, the dormant instances whose wait ends within the horizon;
   * those still settling get their timers instead. Completes on the owner, so the timer
   * service goes on there.
   */
  private Future<?> wake() {
    waker = null;
    long until = timers.clock().instant().toEpochMilli() + horizon;
    for (Iterator<Instance> it = settling.iterator(); it.hasNext(); ) {
      Instance inst = it.next();
      if (end(inst) <= until) {
        it.remove();
        host.keep(inst);
      }
    }
    Promise<Void> done = Promise.promise();
    store.dormantEnding(readTo, readToId, until, PAGE).onComplete(read -> timers.owner().runOnContext(v -> {
      if (read.failed()) {
        // tried again a second later, in simulated time, so a jump of the clock goes on
        LOG.error("dormant instances could not be read back: {}", read.cause().toString());
        wakeBy(timers.clock().instant().toEpochMilli() + 1000);
        done.complete();
        return;
      }
      List<JsonObject> rows = read.result();
      host.bringBack(rows);
      if (rows.size() == PAGE) {
        JsonObject last = rows.get(rows.size() - 1);
        readTo = Instant.parse(last.getString("waitingUntil")).toEpochMilli();
        readToId = last.getString("id");
        wakeBy(timers.clock().instant().toEpochMilli());
        done.complete();
        return;
      }
      readTo = Math.max(readTo, until);
      readToId = null;
      store.firstDormantEnd(readTo).onComplete(first -> timers.owner().runOnContext(w -> {
        if (first.failed()) {
          LOG.error("dormant instances could not be read: {}", first.cause().toString());
          wakeBy(timers.clock().instant().toEpochMilli() + 1000);
        } else {
          long soonest = soonest(first.result());
          if (soonest != InstanceStore.NO_END) {
            wakeBy(soonest - horizon);
          }
        }
        done.complete();
      }));
    }));
    return done.future();
  }

  /**
   * The soonest end the waker has not read: the store's, or that of an instance still leaving.
   * Its commit may land after the store was asked, and its own call to arm the waker came while
   * the waker that is now reading was set, so it found that waker due sooner and left it. A
   * jump of the clock then passed its end without waking it.
   */
  private long soonest(Long inStore) {
    long soonest = inStore == null ? InstanceStore.NO_END : inStore;
    for (Instance inst : settling) {
      soonest = Math.min(soonest, end(inst));
    }
    return soonest;
  }

  private static long end(Instance inst) {
    return inst.waitingUntil == null ? InstanceStore.NO_END : inst.waitingUntil.toEpochMilli();
  }

  /** Rows for the turn that will take them back: none, or those a message's keys may have. */
  Future<List<JsonObject>> rowsFor(List<Long> keys) {
    List<Future<List<JsonObject>>> reads = new ArrayList<>();
    for (long k : keys) {
      if (mayHold(k)) {
        reads.add(store.dormant(k));
      }
    }
    if (reads.isEmpty()) {
      return null;
    }
    return Future.all(reads).map(all -> {
      List<JsonObject> rows = new ArrayList<>();
      for (int i = 0; i < all.size(); i++) {
        rows.addAll(all.<List<JsonObject>>resultAt(i));
      }
      return rows;
    });
  }
}
