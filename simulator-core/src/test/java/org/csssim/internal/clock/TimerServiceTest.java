package org.csssim.internal.clock;

import static org.csssim.testing.Harness.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimerServiceTest {
  Vertx vertx;
  Context owner;
  SimulatorClock clock;
  TimerService timers;
  Instant start;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    owner = vertx.getOrCreateContext();
    clock = SimulatorClock.system();
    start = Instant.parse("2026-12-01T09:00:00Z");
    clock.set(start);
    timers = new TimerService(vertx, owner, clock);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  /** Runs {@code r} on the owner context and waits for it. */
  private <T> T onOwner(Supplier<T> r) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    owner.runOnContext(v -> f.complete(r.get()));
    return f.get(10, TimeUnit.SECONDS);
  }

  private record Firing(Instant due, Instant seen, int label) {}

  /** Between batches the pump asks its pacer (the store's write queue) and waits for the answer. */
  @Test
  void thePumpWaitsForItsPacerBetweenBatches() throws Exception {
    io.vertx.core.Promise<Void> held = io.vertx.core.Promise.promise();
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    timers.pace(() -> asked.incrementAndGet() == 1 ? held.future() : Future.succeededFuture());
    java.util.concurrent.atomic.AtomicInteger fired = new java.util.concurrent.atomic.AtomicInteger();
    onOwner(() -> {
      for (int i = 0; i < TimerService.BATCH * 3; i++) {
        timers.schedule(start.plusSeconds(60 + i), () -> {
          fired.incrementAndGet();
          return Future.succeededFuture();
        });
      }
      return null;
    });
    Future<Instant> jump = timers.advance(Duration.ofHours(1));
    Thread.sleep(300);
    assertEquals(TimerService.BATCH, fired.get(), "one batch, then the pump waits");
    assertFalse(jump.isComplete());
    held.complete();
    await(jump);
    assertEquals(TimerService.BATCH * 3, fired.get());
  }

  @Test
  void advancingWeeksFiresEveryDueTimerInTimeOrderAtItsOwnInstant() throws Exception {
    List<Firing> firings = new ArrayList<>();
    Random random = new Random(42);
    int inWindow = 0;
    List<Instant> dues = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      dues.add(start.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30))));  // within 30 days
    }
    for (Instant d : dues) {
      if (!d.isAfter(start.plus(Duration.ofDays(21)))) {
        inWindow++;
      }
    }
    onOwner(() -> {
      for (int i = 0; i < dues.size(); i++) {
        Instant due = dues.get(i);
        int label = i;
        timers.schedule(due, () -> {
          firings.add(new Firing(due, clock.instant(), label));
          return Future.succeededFuture();
        });
      }
      return null;
    });

    Instant end = await(timers.advance(Duration.ofDays(21)));

    assertEquals(inWindow, firings.size(), "every timer due within three weeks, and no other");
    for (int i = 1; i < firings.size(); i++) {
      assertTrue(!firings.get(i).due().isBefore(firings.get(i - 1).due()), "in time order");
    }
    for (Firing f : firings) {
      Duration skew = Duration.between(f.due(), f.seen());
      assertTrue(!skew.isNegative() && skew.compareTo(Duration.ofSeconds(1)) < 0,
          "a task sees the instant it was due, not the end of the jump: " + f);
    }
    assertTrue(!end.isBefore(start.plus(Duration.ofDays(21))));
    assertEquals(dues.size() - inWindow, onOwner(() -> timers.pending()));
  }

  @Test
  void aTimerScheduledByAFiringTimerWithinTheJumpAlsoFiresInOrder() throws Exception {
    List<String> order = new ArrayList<>();
    onOwner(() -> {
      timers.schedule(start.plus(Duration.ofDays(1)), () -> {
        order.add("day1");
        timers.schedule(clock.instant().plus(Duration.ofDays(2)), () -> {
          order.add("day3 (scheduled on day 1)");
          return Future.succeededFuture();
        });
        return Future.succeededFuture();
      });
      timers.schedule(start.plus(Duration.ofDays(4)), () -> {
        order.add("day4");
        return Future.succeededFuture();
      });
      return null;
    });
    await(timers.advance(Duration.ofDays(7)));
    assertEquals(List.of("day1", "day3 (scheduled on day 1)", "day4"), order);
  }

  @Test
  void aTaskFinishesBeforeTheNextStarts() throws Exception {
    List<String> order = new ArrayList<>();
    onOwner(() -> {
      timers.schedule(start.plus(Duration.ofHours(1)), () -> {
        Promise<Void> later = Promise.promise();
        vertx.setTimer(50, id -> {
          order.add("slow task done");
          later.complete();
        });
        return later.future();
      });
      timers.schedule(start.plus(Duration.ofHours(2)), () -> {
        order.add("next task");
        return Future.succeededFuture();
      });
      return null;
    });
    await(timers.advance(Duration.ofHours(3)));
    assertEquals(List.of("slow task done", "next task"), order);
  }

  @Test
  void cancelledTimersDoNotFire() throws Exception {
    AtomicBoolean fired = new AtomicBoolean();
    onOwner(() -> {
      TimerService.Timer t = timers.schedule(start.plus(Duration.ofHours(1)), () -> {
        fired.set(true);
        return Future.succeededFuture();
      });
      t.cancel();
      return null;
    });
    await(timers.advance(Duration.ofDays(1)));
    assertTrue(!fired.get());
  }

  @Test
  void aLongJumpYieldsToOtherWorkOnTheSameEventLoop() throws Exception {
    onOwner(() -> {
      for (int i = 0; i < 20_000; i++) {
        timers.schedule(start.plus(Duration.ofSeconds(i + 1)), Future::succeededFuture);
      }
      return null;
    });
    AtomicBoolean otherWorkRan = new AtomicBoolean();
    CompletableFuture<Boolean> ranBeforeTheJumpEnded = new CompletableFuture<>();
    Future<Instant> jump = timers.advance(Duration.ofDays(1));
    owner.runOnContext(v -> {
      otherWorkRan.set(true);
      ranBeforeTheJumpEnded.complete(!jump.isComplete());
    });
    await(jump);
    assertTrue(otherWorkRan.get());
    assertTrue(ranBeforeTheJumpEnded.get(10, TimeUnit.SECONDS), "the event loop ran other work during the jump");
    assertEquals(20_000, timers.fired());
  }

  @Test
  void inScaledTimeATimerFiresByItselfWhenDue() throws Exception {
    CompletableFuture<Instant> seen = new CompletableFuture<>();
    await(timers.speed(3600));  // an hour a second
    onOwner(() -> timers.schedule(clock.instant().plus(Duration.ofMinutes(30)), () -> {
      seen.complete(clock.instant());
      return Future.succeededFuture();
    }));
    Instant firedAt = seen.get(10, TimeUnit.SECONDS);
    assertTrue(firedAt.isAfter(start.plus(Duration.ofMinutes(29))), firedAt.toString());
  }

  @Test
  void settingTheClockBackFiresNothing() throws Exception {
    AtomicBoolean fired = new AtomicBoolean();
    onOwner(() -> timers.schedule(start.plus(Duration.ofHours(1)), () -> {
      fired.set(true);
      return Future.succeededFuture();
    }));
    await(timers.set(start.minus(Duration.ofDays(1))));
    assertTrue(!fired.get());
    assertEquals(1, (int) onOwner(() -> timers.pending()));
  }

  @Test
  void dueTasksRunOneAfterAnotherNotInsideEachOther() throws Exception {
    // Were each next task run inside the previous one's callback, every task would sit deeper
    // on the stack than the one before, and a batch of deep scripts would overflow it; the
    // overflow, swallowed in a callback, once left the pump stopped for good.
    int count = 2 * TimerService.BATCH;
    List<Integer> depths = new ArrayList<>();
    onOwner(() -> {
      for (int i = 0; i < count; i++) {
        timers.schedule(start, () -> {
          depths.add((int) StackWalker.getInstance().walk(java.util.stream.Stream::count).longValue());
          return Future.succeededFuture();
        });
      }
      return null;
    });
    await(timers.settle());
    assertEquals(count, depths.size());
    int spread = depths.stream().mapToInt(Integer::intValue).max().orElseThrow()
        - depths.stream().mapToInt(Integer::intValue).min().orElseThrow();
    assertTrue(spread < 20, "every task starts at about the same stack depth; the spread was " + spread + " frames");
  }
}
