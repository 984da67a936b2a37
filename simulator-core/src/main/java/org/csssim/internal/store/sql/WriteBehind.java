package org.csssim.internal.store.sql;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.internal.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every write to the database goes through here: queued from any thread, committed in batches
 * of up to {@code maxBatch}, one transaction at a time, in the order queued. While a commit
 * runs the next batch gathers, so under load many writes share one commit (group commit) and
 * alone a write waits for one. A write's future completes when its transaction has committed,
 * which is what an acknowledgement that depends on it waits for. Every failed write is logged
 * and counted ({@link #failures()}), whether or not anyone waits for it: most writes (a
 * scenario step's) have nobody to tell but the operator. The store is failing from a failed
 * commit until the next one succeeds (a database that was away and is back), so health recovers.
 */
final class WriteBehind {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

  /** Queued writes: one, or a unit of several that must commit together, who waits for them, and on which context. */
  private record Pending(List<Database.Write> writes, Promise<Void> done, Context caller) {}

  private final Database db;
  private final int maxBatch;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean committing;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  /** The last commit that failed, and whether no commit has succeeded since (the store is failing now). */
  private volatile Store.Failure lastFailure;
  private volatile boolean failing;
  private Promise<Void> idle;
  /**
   * Rows queued and not yet taken into a transaction; past {@link #HIGH_WATER} work that can
   * wait (the timer pump during a clock jump over many instances) waits until half have been
   * taken, so the queue, and the heap, does not grow without bound.
   */
  static final int HIGH_WATER = 20_000;
  private int queuedRows;
  private final List<Promise<Void>> waitingForRoom = new ArrayList<>();

  /** Rows a batch inserts and deletes again are not written (see {@link PassingRows}). */
  private final PassingRows passing = PassingRows.ofQueues();

  public WriteBehind(Database db, int maxBatch) {
    this.db = db;
    this.maxBatch = maxBatch;
  }

  public Database database() {
    return db;
  }

  /** Queues one statement on its own; completes once it is committed. */
  public Future<Void> write(String sql, Tuple args) {
    return commitTogether(List.of(new Database.Write(sql, args)));
  }

  /** Queues statements that commit in one transaction, all or nothing (a {@link SqlUnit}'s). */
  Future<Void> commitTogether(List<Database.Write> writes) {
    Promise<Void> done = Promise.promise();
    enqueue(new Pending(writes, done, Vertx.currentContext()));
    return done.future();
  }

  private void enqueue(Pending p) {
    boolean start;
    synchronized (queue) {
      queue.addLast(p);
      queuedRows += p.writes().size();
      start = !committing;
      committing = true;
    }
    if (start) {
      commitNext();
    }
  }

  private void commitNext() {
    List<Pending> batch = new ArrayList<>();
    int size = 0;
    synchronized (queue) {
      // a unit is never split, so a batch may pass maxBatch by one unit
      while (size < maxBatch && !queue.isEmpty()) {
        Pending next = queue.pollFirst();
        batch.add(next);
        size += next.writes().size();
      }
      if (batch.isEmpty()) {
        committing = false;
        if (idle != null) {
          idle.complete();
          idle = null;
        }
        return;
      }
    }
    List<Promise<Void>> room = List.of();
    synchronized (queue) {
      queuedRows -= size;
      if (!waitingForRoom.isEmpty() && queuedRows <= HIGH_WATER / 2) {
        room = new ArrayList<>(waitingForRoom);
        waitingForRoom.clear();
      }
    }
    room.forEach(Promise::complete);
    commit(batch).onComplete(x -> commitNext());
  }

  /**
   * Commits {@code batch} in one transaction. If that fails and the batch holds more than one
   * unit, each unit is committed again alone, so one bad write fails only its own unit (and
   * whoever waits for it), not the acknowledgements that shared its batch.
   */
  private Future<Void> commit(List<Pending> batch) {
    List<Database.Write> all = new ArrayList<>();
    batch.forEach(p -> all.addAll(p.writes()));
    List<Database.Write> writes = passing.without(all);
    Future<Void> committed;
    try {
      committed = db.transaction(writes);
    } catch (RuntimeException e) {
      committed = Future.failedFuture(e);   // the queue must move on whatever the database does, or stop waits forever
    }
    return committed.transform(ar -> {
      commits.incrementAndGet();
      if (ar.succeeded()) {
        written.addAndGet(writes.size());
        failing = false;
        tell(batch, null);
        return Future.succeededFuture();
      }
      if (batch.size() > 1) {
        return alone(batch, 0);
      }
      failures.addAndGet(writes.size());
      lastFailure = new Store.Failure(java.time.Instant.now(), ar.cause().toString());
      failing = true;
      LOG.error("store: a commit of {} write(s) failed, so that change is not durable: {} (first: {})", writes.size(),
          ar.cause().toString(), writes.isEmpty() ? "none" : writes.get(0).sql());
      tell(batch, ar.cause());
      return Future.succeededFuture();
    });
  }

  private Future<Void> alone(List<Pending> batch, int i) {
    return i >= batch.size() ? Future.succeededFuture()
        : commit(List.of(batch.get(i))).compose(x -> alone(batch, i + 1));
  }

  /**
   * Tells every unit of {@code batch} its outcome ({@code failure}, or null for committed) on
   * the context that queued it, with one task for each such context rather than one for each
   * unit: a batch holds tens of a scenario turn's units, all queued on the engine's context
   * (JFR: a task a unit was 1.4% of the CPU of whole flows on the embedded store). A unit's own
   * order among those of its context is kept, so a context is told by a task even when this
   * runs on it: a commit may be done before its future is listened to (the writer runs on while
   * the caller's thread is paused), and then the caller's own thread told a later batch at once,
   * while the task telling an earlier one still waited in its queue (CI saw 1 to 6 told before 0).
   */
  private static void tell(List<Pending> batch, Throwable failure) {
    Map<Context, List<Promise<Void>>> byCaller = new IdentityHashMap<>(4);
    for (Pending p : batch) {
      if (p.caller() == null) {
        settle(p.done(), failure);
      } else {
        byCaller.computeIfAbsent(p.caller(), c -> new ArrayList<>()).add(p.done());
      }
    }
    byCaller.forEach((caller, told) -> caller.runOnContext(v -> told.forEach(p -> settle(p, failure))));
  }

  private static void settle(Promise<Void> p, Throwable failure) {
    if (failure == null) {
      p.complete();
    } else {
      p.fail(failure);
    }
  }

  /** Completes at once while fewer than {@link #HIGH_WATER} rows wait, else when half of them have been taken. */
  public Future<Void> room() {
    synchronized (queue) {
      if (queuedRows <= HIGH_WATER) {
        return Future.succeededFuture();
      }
      Promise<Void> p = Promise.promise();
      waitingForRoom.add(p);
      return onCaller(p.future());
    }
  }

  /** Rows queued and not yet taken into a transaction. */
  public int queued() {
    synchronized (queue) {
      return queuedRows;
    }
  }

  /** Completes when everything queued so far is committed (or failed): at stop, and in tests. */
  public Future<Void> drained() {
    synchronized (queue) {
      if (!committing) {
        return Future.succeededFuture();
      }
      if (idle == null) {
        idle = Promise.promise();
      }
      return onCaller(idle.future());
    }
  }

  /**
   * {@code f}, told on the context of whoever asked: commits may complete on the embedded
   * writer's own thread ({@link JdbcWriter}), where nothing of the caller's may run.
   */
  private static Future<Void> onCaller(Future<Void> f) {
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return f;
    }
    Promise<Void> told = Promise.promise();
    f.onComplete(ar -> {
      if (Vertx.currentContext() == caller) {
        told.handle(ar);
      } else {
        caller.runOnContext(v -> told.handle(ar));
      }
    });
    return told.future();
  }

  public long commits() {
    return commits.get();
  }

  public long written() {
    return written.get();
  }

  public long failures() {
    return failures.get();
  }

  /** The last failed commit, or null. */
  public Store.Failure lastFailure() {
    return lastFailure;
  }

  /** True from a failed commit until one succeeds. */
  public boolean failing() {
    return failing;
  }
}
