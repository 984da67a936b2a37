package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.clock.TimerService;
import org.csssim.internal.unit.Unit;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waker reads dormant instances back a page at a time, in the order their waits end (ties
 * by id), each once, as a jump of the clock passes a horizon before their ends. Against a store
 * of rows in a list, so that more than a page can end within one horizon.
 */
class DormancyWakerTest {
  private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    Harness.await(vertx.close());
  }

  /** Dormant rows as the SQL store files them. */
  static final class Rows implements InstanceStore {
    final List<JsonObject> rows = new ArrayList<>();
    int reads;
    /** Reads of rows by their ends still to fail, as a store that cannot be read. */
    int failing;

    void add(String id, Instant end) {
      rows.add(new JsonObject().put("id", id).put("scenario", "s").put("actingMpid", "CSS").put("key", id)
          .put("waitingUntil", end.toString()));
    }

    private static long end(JsonObject r) {
      return Instant.parse(r.getString("waitingUntil")).toEpochMilli();
    }

    @Override
    public void save(String id, Supplier<JsonObject> state, Index index, Unit unit) {
    }

    @Override
    public void forget(String id, Unit unit) {
    }

    @Override
    public Future<List<JsonObject>> resident() {
      return Future.succeededFuture(List.of());
    }

    @Override
    public boolean keepsInstances() {
      return true;
    }

    @Override
    public Future<long[]> dormantKeys() {
      return Future.succeededFuture(rows.stream().mapToLong(r -> Instances.hash("s", "CSS", r.getString("id"))).toArray());
    }

    @Override
    public Future<List<JsonObject>> dormantEnding(long after, String afterId, long until, int limit) {
      reads++;
      if (failing > 0) {
        failing--;
        return Future.failedFuture(new IllegalStateException("the store is away"));
      }
      return Future.succeededFuture(rows.stream()
          .filter(r -> end(r) > after || afterId != null && end(r) == after && r.getString("id").compareTo(afterId) > 0)
          .filter(r -> end(r) <= until)
          .sorted(Comparator.comparingLong(Rows::end).thenComparing(r -> r.getString("id")))
          .limit(limit).toList());
    }

    @Override
    public Future<Long> firstDormantEnd(long after) {
      return Future.succeededFuture(rows.stream().mapToLong(Rows::end).filter(e -> e > after).min().stream().boxed()
          .findFirst().orElse(null));
    }
  }

  /** Dormancy over {@code store}, a horizon of an hour, on a clock at START: every row it reads back, and those it takes. */
  private final class Waker {
    final io.vertx.core.Context owner = vertx.getOrCreateContext();
    final TimerService timers;
    final Dormancy dormancy;
    final List<String> read = new ArrayList<>();
    final List<String> taken = new ArrayList<>();

    Waker(Rows store) {
      SimulatorClock clock = SimulatorClock.system();
      clock.set(START);
      timers = new TimerService(vertx, owner, clock);
      dormancy = new Dormancy(store, timers, Duration.ofHours(1), new Instances());
      dormancy.host(new Dormancy.Host() {
        @Override
        public void bringBack(List<JsonObject> rows) {
          rows.forEach(r -> {
            read.add(r.getString("id"));
            if (dormancy.takeBack(r)) {
              taken.add(r.getString("id"));
            }
          });
        }

        @Override
        public void keep(Instance inst) {
        }
      });
    }

    List<JsonObject> start() throws Exception {
      return onOwner(owner, dormancy::start);
    }
  }

  @Test
  void morePagesThanOneEndingWithinAHorizonComeBackInOrderEachOnce() throws Exception {
    Rows store = new Rows();
    Instant day2 = START.plus(Duration.ofDays(2));
    int count = Dormancy.PAGE * 2 + 500;
    for (int i = 0; i < count; i++) {
      // in sevens that end at one millisecond, so pages break inside a run of ties
      store.add(String.format("i%05d", count - i), day2.plusMillis(i / 7));
    }
    store.add("later", START.plus(Duration.ofDays(10)));
    store.add("overdue-2", START.minusSeconds(60));   // waits that ended while the simulator was down
    store.add("overdue-1", START.minusSeconds(3600));
    Waker w = new Waker(store);
    Dormancy dormancy = w.dormancy;
    TimerService timers = w.timers;
    List<String> back = w.read;
    List<String> overdue = w.start().stream().map(r -> r.getString("id")).toList();
    assertEquals(List.of("overdue-1", "overdue-2"), overdue, "at start, those overdue, in order, for the engine to take back");
    overdue.forEach(id -> assertTrue(dormancy.takeBack(store.rows.stream().filter(r -> r.getString("id").equals(id))
        .findFirst().orElseThrow())));
    assertEquals(count + 1, dormancy.count());
    Harness.await(timers.settle());
    assertEquals(List.of(), back, "nothing else ends within the horizon at start");

    Harness.await(timers.advance(Duration.ofDays(3)));
    List<String> expected = store.rows.stream().filter(r -> r.getString("id").startsWith("i"))
        .sorted(Comparator.comparing((JsonObject r) -> Instant.parse(r.getString("waitingUntil"))).thenComparing(r -> r.getString("id")))
        .map(r -> r.getString("id")).toList();
    assertEquals(expected.size(), back.size(), "each once");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), back.get(i), "in the order the waits end, ties by id: at " + i);
    }
    assertEquals(back, w.taken, "each taken back as it left");
    assertEquals(1, dormancy.count());
    assertTrue(store.reads >= 3, "a page at a time: " + store.reads + " reads");

    Harness.await(timers.advance(Duration.ofDays(7)));
    assertEquals("later", back.get(back.size() - 1));
    assertEquals(count + 1, back.size());
    assertEquals(0, dormancy.count());
  }

  @Test
  void aWakerThatCannotReadTheStoreTriesAgainASecondLater() throws Exception {
    Rows store = new Rows();
    store.add("a", START.plus(Duration.ofDays(2)));
    Waker w = new Waker(store);
    TimerService timers = w.timers;
    List<String> back = w.taken;
    w.start();
    Dormancy dormancy = w.dormancy;
    Harness.await(timers.settle());
    store.failing = 2;
    Harness.await(timers.advance(Duration.ofDays(2).minusHours(1)));   // the waker is due: its read fails
    assertEquals(List.of(), back);
    Harness.await(timers.advance(Duration.ofSeconds(1)));               // and fails again
    assertEquals(List.of(), back);
    Harness.await(timers.advance(Duration.ofSeconds(1)));
    assertEquals(List.of("a"), back, "read back once the store answers");
    assertEquals(0, dormancy.count());
  }

  @Test
  void anInstanceStillLeavingWhenTheWakerReadsTheStoreIsWokenInTime() throws Exception {
    Rows store = new Rows();
    store.add("early", START.plus(Duration.ofDays(2)));
    Waker w = new Waker(store);
    w.start();
    Harness.await(w.timers.settle());
    Instant lateEnd = START.plus(Duration.ofDays(5));
    Instance late = new Instance("late", new Scenario("s", "", "s.yaml", List.of("CSS"), null, null, Map.of(), Map.of(),
        List.of(), Map.of(), Map.of(), false, new Vars.Names(List.of())), "late", "CSS", "CSS", null, Map.of(), Map.of(),
        "late", START);
    late.waitingUntil = lateEnd;
    Promise<Void> commit = Promise.promise();
    Unit unit = new Unit() {
      @Override
      public Future<Void> commit() {
        return commit.future();
      }

      @Override
      public Future<Void> committed() {
        return commit.future();
      }
    };
    onOwner(w.owner, () -> {
      assertTrue(w.dormancy.leaves(late));
      w.dormancy.settle(late);   // the waker is due sooner, for "early": it stays so
      w.dormancy.leavesWith(late, unit);
      return Future.succeededFuture();
    });

    // the waker reads while the late one's commit is on its way: the store has no row for it yet
    Harness.await(w.timers.advance(Duration.ofDays(3)));
    assertEquals(List.of("early"), w.taken);
    store.add("late", lateEnd);
    onOwner(w.owner, () -> {
      commit.complete();
      return Future.succeededFuture();
    });
    Harness.eventually(() -> w.dormancy.count() == 1, "the late one is dormant once its commit is in");

    Harness.await(w.timers.advance(Duration.ofDays(2)));
    assertEquals(List.of("early", "late"), w.taken, "read back as the jump passed a horizon before its end");
  }

  private static <T> T onOwner(io.vertx.core.Context owner, Supplier<Future<T>> work) throws Exception {
    CompletableFuture<Future<T>> f = new CompletableFuture<>();
    owner.runOnContext(v -> f.complete(work.get()));
    return Harness.await(f.get(10, TimeUnit.SECONDS));
  }
}
