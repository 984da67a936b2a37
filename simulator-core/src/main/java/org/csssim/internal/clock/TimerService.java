package org.csssim.internal.clock;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Timers in simulated time, owned by one Vert.x context: every method runs there (calls from
 * elsewhere are moved there), so the queue needs no lock.
 *
 * <p>Due timers fire in time order (ties in the order they were scheduled), one at a time: each
 * task's future completes before the next starts, because a task may schedule or cancel
 * others. Moving the clock forward steps it to each due timer in turn, so a task sees the
 * instant it was due, not the end of the jump. Every {@value #BATCH} firings the pump yields
 * to the event loop, so a jump of weeks over a million timers does not stall the server.
 * In real or scaled time one Vert.x timer is armed for the earliest due instant.
 */
public final class TimerService implements ClockControl {
  static final int BATCH = 256;

  private final Vertx vertx;
  private final Context owner;
  private final SimulatorClock clock;
  private final PriorityQueue<Timer> queue = new PriorityQueue<>();
  private long nextSeq;
  private long armed = -1;
  private Instant armedFor;
  private Future<?> tail = Future.succeededFuture();
  private long fired;
  private final java.util.List<Runnable> onChanged = new java.util.concurrent.CopyOnWriteArrayList<>();
  private Supplier<Future<Void>> pace = Future::succeededFuture;

  /** A scheduled task; {@link #cancel()} it from the owner context. */
  public static final class Timer implements Comparable<Timer> {
    private final long dueMillis;
    private final long seq;
    private final Supplier<Future<?>> task;
    private boolean cancelled;

    private Timer(long dueMillis, long seq, Supplier<Future<?>> task) {
      this.dueMillis = dueMillis;
      this.seq = seq;
      this.task = task;
    }

    public Instant due() {
      return Instant.ofEpochMilli(dueMillis);
    }

    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(dueMillis, o.dueMillis);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  public TimerService(Vertx vertx, Context owner, SimulatorClock clock) {
    this.vertx = vertx;
    this.owner = owner;
    this.clock = clock;
  }

  @Override
  public SimulatorClock clock() {
    return clock;
  }

  public Context owner() {
    return owner;
  }

  /** Runs {@code work} on the owner context, whatever thread asks; completes there with its answer. */
  public <T> Future<T> onOwner(java.util.concurrent.Callable<T> work) {
    Promise<T> p = Promise.promise();
    owner.runOnContext(v -> {
      try {
        p.complete(work.call());
      } catch (Exception e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  /** Schedules {@code task} at {@code due} (millisecond precision); call on the owner context. */
  public Timer schedule(Instant due, Supplier<Future<?>> task) {
    requireOwner();
    Timer t = new Timer(due.toEpochMilli(), nextSeq++, task);
    queue.add(t);
    if (armedFor == null || due.isBefore(armedFor)) {
      rearm();
    }
    return t;
  }

  /** Timers not yet fired, cancelled ones included until they reach the head of the queue. */
  public int pending() {
    return queue.size();
  }

  public long fired() {
    return fired;
  }

  @Override
  public Future<Instant> advance(Duration by) {
    if (by.isNegative()) {
      return Future.failedFuture(new IllegalArgumentException("the clock only moves forward; use set to go to an earlier time"));
    }
    return change(() -> pumpTo(clock.instant().plus(by)).compose(x -> drainDue()));
  }

  /**
   * Completes once every timer due by now has fired, including those the firing ones set for
   * "now" (a message one simulated party sends another): the state then answers for itself.
   */
  public Future<Instant> settle() {
    return serial(this::drainDue);
  }

  private Future<Instant> drainDue() {
    Timer next = head();
    if (next == null || next.dueMillis > clock.instant().toEpochMilli()) {
      return Future.succeededFuture(clock.instant());
    }
    return pumpTo(clock.instant()).compose(x -> drainDue());
  }

  @Override
  public Future<Instant> set(Instant instant) {
    return change(() -> {
      if (instant.isAfter(clock.instant())) {
        return pumpTo(instant).compose(x -> drainDue());
      }
      clock.set(instant);
      rearm();
      return Future.succeededFuture(clock.instant());
    });
  }

  @Override
  public Future<Instant> speed(double speed) {
    return change(() -> {
      clock.speed(speed);
      rearm();
      return Future.succeededFuture(clock.instant());
    });
  }

  @Override
  public Future<Instant> reset() {
    return change(() -> {
      Instant wall = clock.realInstant();
      Future<Instant> moved = wall.isAfter(clock.instant()) ? pumpTo(wall) : Future.succeededFuture(wall);
      return moved.map(x -> {
        clock.reset();
        rearm();
        return clock.instant();
      });
    });
  }

  /**
   * Asked between batches of due timers; the pump goes on when the answer completes. The
   * store's write queue answers, so a jump over a million waiting instances does not queue a
   * million instances' changes at once.
   */
  public void pace(Supplier<Future<Void>> pace) {
    this.pace = pace;
  }

  /** Told after every change an operator makes to the clock (advance, set, speed, reset): the store saves it. */
  public void onChanged(Runnable listener) {
    onChanged.add(listener);
  }

  /** An operator's change to the clock: run in turn, then told to {@link #onChanged}. */
  private Future<Instant> change(Supplier<Future<Instant>> op) {
    return serial(op).onSuccess(x -> onChanged.forEach(Runnable::run));
  }

  /** Runs operations one after another on the owner context, whatever thread asks. */
  private <T> Future<T> serial(Supplier<Future<T>> op) {
    Promise<T> done = Promise.promise();
    owner.runOnContext(v -> {
      Future<T> next = tail.transform(x -> {
        try {
          return op.get();
        } catch (RuntimeException e) {
          return Future.failedFuture(e);
        }
      });
      tail = next.otherwiseEmpty();
      next.onComplete(done);
    });
    return done.future();
  }

  /** Fires every timer due up to {@code target} in order, moving the clock to each; then to {@code target}. */
  private Future<Instant> pumpTo(Instant target) {
    Promise<Instant> done = Promise.promise();
    step(target, true, done);
    return done.future();
  }

  /**
   * A loop, not a recursion: a task whose future is already complete (nearly all are) is
   * followed at once by the next in the same frame. Chaining each next step in the previous
   * task's callback nested 256 tasks' stacks in one, overflowed the stack under a deep script,
   * and the overflow, swallowed in a callback, left the pump stopped for good.
   */
  private void step(Instant limit, boolean moveClock, Promise<Instant> done) {
    for (int inBatch = 0; ; inBatch++) {
      Timer next = head();
      if (next == null || next.dueMillis > limit.toEpochMilli()) {
        if (moveClock && limit.isAfter(clock.instant())) {
          clock.set(limit);
        }
        rearm();
        done.complete(clock.instant());
        return;
      }
      if (inBatch >= BATCH) {
        pace.get().onComplete(ar -> owner.runOnContext(v -> step(limit, moveClock, done)));
        return;
      }
      queue.poll();
      if (moveClock && next.due().isAfter(clock.instant())) {
        clock.set(next.due());
      }
      fired++;
      Future<?> result;
      try {
        result = next.task.get();
      } catch (RuntimeException | StackOverflowError e) {
        // a failing task is the owner's to report; it does not stop time
        result = Future.failedFuture(e);
      }
      if (!result.isComplete()) {
        result.onComplete(ar -> step(limit, moveClock, done));
        return;
      }
    }
  }

  private Timer head() {
    Timer t = queue.peek();
    while (t != null && t.cancelled) {
      queue.poll();
      t = queue.peek();
    }
    return t;
  }

  /** One Vert.x timer for the earliest due instant, its delay scaled by the clock's speed. */
  private void rearm() {
    if (armed >= 0) {
      vertx.cancelTimer(armed);
      armed = -1;
      armedFor = null;
    }
    Timer next = head();
    if (next == null) {
      return;
    }
    long simMillis = Math.max(0, next.dueMillis - clock.instant().toEpochMilli());
    long delay = Math.max(1, (long) Math.ceil(simMillis / clock.speed()));
    armedFor = next.due();
    armed = owner.owner().setTimer(delay, id -> {
      armed = -1;
      armedFor = null;
      serial(() -> {
        Promise<Instant> done = Promise.promise();
        step(clock.instant(), false, done);
        return done.future();
      });
    });
  }

  private void requireOwner() {
    if (Vertx.currentContext() != owner) {
      throw new IllegalStateException("timers are scheduled on their owner context");
    }
  }
}
