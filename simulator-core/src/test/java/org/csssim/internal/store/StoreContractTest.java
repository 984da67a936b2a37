package org.csssim.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.csssim.internal.clock.SimulatorClock;
import org.csssim.internal.delivery.OutboxStore;
import org.csssim.internal.error.Problem;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.scenario.InstanceStore;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.wire.IdempotencyStore;
import org.csssim.testing.StoreKinds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every store keeps, run against each: in memory, embedded H2 and
 * PostgreSQL. A durable store gives back after a reopen what was committed before it; the
 * memory store gives back nothing.
 */
class StoreContractTest {
  private Vertx vertx;
  private Path dataDir;

  static Stream<StoreOptions.Kind> all() {
    return StoreKinds.all();
  }

  static Stream<StoreOptions.Kind> durable() {
    return StoreKinds.durable();
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("csssim-store");
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private Store open(StoreOptions.Kind kind, boolean fresh) throws Exception {
    return open(kind, fresh, 1000);
  }

  private Store open(StoreOptions.Kind kind, boolean fresh, int idempotencyCapacity) throws Exception {
    return await(Store.open(vertx, StoreKinds.config(kind, fresh), 100_000, idempotencyCapacity, dataDir));
  }

  static JournalEntry entry(String eventId, JournalEntry.Direction dir, String from, String to, String mpxn,
                                    Instant at, JournalEntry.Outcome outcome) {
    return new JournalEntry(0, at, dir, "POST", "/switches", eventId, "SwitchRequest", "corr-" + eventId, from, to,
        mpxn == null ? Map.of() : Map.of("mpxn", mpxn), Map.of("registrationId", "R-" + eventId), 202, outcome,
        outcome == JournalEntry.Outcome.RETRYING ? List.of(new Problem("DELIVERY_FAILED", "HTTP 503", null))
            : List.of(),
        "{\"eventId\":\"" + eventId + "\",\"text\":\"" + "x".repeat(70_000) + "\"}", false,
        outcome == JournalEntry.Outcome.RETRYING ? new JournalEntry.Attempt(2, "https://127.0.0.1/hook", 503, 1234, "HTTP 503")
            : null);
  }

  @ParameterizedTest
  @MethodSource("all")
  void theJournalKeepsOrderAndAnswersEveryFilter(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    for (int i = 1; i <= 10; i++) {
      JournalEntry.Outcome o = i % 2 == 0 ? JournalEntry.Outcome.RETRYING : JournalEntry.Outcome.ACCEPTED;
      JournalEntry.Direction d = i % 2 == 0 ? JournalEntry.Direction.OUT : JournalEntry.Direction.IN;
      assertEquals(i, await(store.journal().append(entry("e" + i, d, i % 2 == 0 ? "CSS" : "SUPA", i % 2 == 0 ? "SUPB" : "CSS",
          "mp" + (i % 3), t0.plusSeconds(i), o))));
    }
    List<JournalEntry> all = await(store.journal().query(JournalQuery.all(100)));
    assertEquals(10, all.size());
    assertEquals(List.of(1L, 2L, 3L), all.subList(0, 3).stream().map(JournalEntry::seq).toList());
    JournalEntry second = all.get(1);
    assertEquals("e2", second.eventId());
    assertEquals(JournalEntry.Direction.OUT, second.direction());
    assertEquals("HTTP 503", second.errors().get(0).message());
    assertEquals(503, second.attempt().status());
    assertEquals(1234, second.attempt().latencyMicros());
    assertEquals("R-e2", second.ids().get("registrationId"));
    assertEquals("mp2", second.mpxn());
    assertEquals(70_026, second.body().length(), "a large body comes back whole");
    assertEquals(t0.plusSeconds(2), second.at());

    assertEquals(List.of("e4"), ids(store, new JournalQuery("e4", null, null, null, null, null, null, 100)));
    assertEquals(List.of("e5"), ids(store, new JournalQuery(null, "corr-e5", null, null, null, null, null, 100)));
    assertEquals(List.of("e1", "e4", "e7", "e10"), ids(store, new JournalQuery(null, null, "mp1", null, null, null, null, 100)));
    assertEquals(List.of("e2", "e4", "e6", "e8", "e10"),
        ids(store, new JournalQuery(null, null, null, "SUPB", null, null, null, 100)), "mpid matches the recipient");
    assertEquals(List.of("e1", "e3"), ids(store, new JournalQuery(null, null, null, "SUPA", null, null, null, 2)),
        "mpid matches the sender; limit keeps the oldest");
    assertEquals(List.of("e3", "e4"), ids(store, new JournalQuery(null, null, null, null, "SwitchRequest",
        t0.plusSeconds(3), t0.plusSeconds(5), 100)), "since is inclusive, until exclusive");
    assertEquals(List.of("e10", "e9", "e8"), ids(store, new JournalQuery(null, null, null, null, null, null, null, 3,
        null, null, true)), "newest first: the newest page");
    assertEquals(List.of("e7", "e6", "e5"), ids(store, new JournalQuery(null, null, null, null, null, null, null, 3,
        null, 8L, true)), "the page older than the one shown");
    assertEquals(List.of("e9", "e10"), ids(store, new JournalQuery(null, null, null, null, null, null, null, 3,
        8L, null, false)), "the page newer than the one shown, oldest first");
    assertEquals(List.of("e9", "e7"), ids(store, new JournalQuery(null, null, null, "SUPA", null, null, null, 2,
        null, 11L, true)), "a filter and a cursor together");
    assertEquals(10, store.journal().stats().appended());
    await(store.close());

    Store again = open(kind, false);
    List<JournalEntry> after = await(again.journal().query(JournalQuery.all(100)));
    long next = await(again.journal().append(entry("e11", JournalEntry.Direction.IN, "SUPA", "CSS", null, t0,
        JournalEntry.Outcome.ACCEPTED)));
    if (again.durable()) {
      assertEquals(all, after, "every entry back after a reopen, field for field");
      assertEquals(11, next, "the sequence goes on where it stood");
    } else {
      assertEquals(List.of(), after);
      assertEquals(1, next);
    }
    await(again.close());
  }

  private static List<String> ids(Store store, JournalQuery q) throws Exception {
    return await(store.journal().query(q)).stream().map(JournalEntry::eventId).toList();
  }

  private static IdempotencyStore.StoredAck ack(String eventId, int n) {
    return new IdempotencyStore.StoredAck(eventId, new byte[] {(byte) n}, ("{\"ack\":" + n + "}").getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("all")
  void stateComesBackAfterAReopenFromADurableStoreOnly(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    Unit claims = store.units().begin();
    for (String id : List.of("a", "b", "c")) {
      assertTrue(await(store.idempotency().claim(ack(id, id.charAt(0)), claims)).fresh());
    }
    await(claims.commit());
    await(store.idempotency().release("b"));
    Unit unit = store.units().begin();
    long in1 = store.inbox().put(() -> new JsonObject().put("m", 1), unit);
    long in2 = store.inbox().put(() -> new JsonObject().put("m", 2), unit);
    store.inbox().done(in1, unit);
    long out1 = store.outbox().put("SUPA", "e1", () -> new JsonObject().put("o", 1), unit);
    long out2 = store.outbox().put("SUPA", "e2", () -> new JsonObject().put("o", 2), unit);
    long out3 = store.outbox().put("SUPA", "e3", () -> new JsonObject().put("o", 3), unit);
    store.instances().save("i1", () -> new JsonObject().put("step", 1), held(1), unit);
    store.instances().save("i1", () -> new JsonObject().put("step", 2), held(1), unit);
    store.instances().save("i2", () -> new JsonObject().put("step", 9), held(2), unit);
    store.instances().forget("i2", unit);
    store.registrations().meterPoint("1000000000016", new JsonObject().put("supplier", "SUPA"), unit);
    store.registrations().meterPoint("1000000000016", new JsonObject().put("supplier", "SUPB"), unit);
    store.registrations().allocation("al1", new JsonObject().put("id", "al1"), unit);
    store.registrations().seeded("first", unit);
    store.registrations().seeded("second", unit);
    await(unit.commit());
    store.outbox().done(out1);
    store.outbox().dead(out3, true);
    store.connections().save("SUPB", new JsonObject().put("mode", "physical"));
    store.subscriptions().save("s1", new JsonObject().put("url", "https://one"));
    store.subscriptions().save("s2", new JsonObject().put("url", "https://two"));
    store.subscriptions().remove("s2");
    SimulatorClock.Saved clock = new SimulatorClock.Saved(Instant.parse("2027-01-01T00:00:00Z"),
        Instant.parse("2026-12-01T00:00:00Z"), 60);
    store.clock().save(clock);
    assertTrue(in2 > in1 && out3 > out2 && out2 > out1, "ids rise");
    await(store.close());

    Store again = open(kind, false, 1);
    if (!again.durable()) {
      assertEquals(List.of(), await(again.inbox().pending()));
      assertEquals(List.of(), await(again.instances().resident()));
      assertTrue(await(again.clock().load()).isEmpty());
      assertTrue(await(again.idempotency().claim(ack("c", 'c'), again.units().begin())).fresh());
      await(again.close());
      return;
    }
    // the index of the newest claims is read beside the start; until then every claim is read from the table
    org.csssim.testing.Harness.eventually(() -> again.idempotency().stats().size() == 1, "the newest claim indexed");
    Unit probe = again.units().begin();
    IdempotencyStore.Claim c = await(again.idempotency().claim(ack("c", 9), probe));
    assertFalse(c.fresh(), "the newest claim is remembered after a reopen");
    assertTrue(c.existing().sameBody(new byte[] {'c'}));
    assertEquals("{\"ack\":99}", new String(c.existing().ackBody(), StandardCharsets.UTF_8));
    assertTrue(await(again.idempotency().claim(ack("a", 1), probe)).fresh(), "beyond the capacity of 1, a is forgotten");
    assertTrue(await(again.idempotency().claim(ack("b", 2), probe)).fresh(), "a released claim is gone");
    // a's old row, not yet trimmed by retention, gives way to the new claim: the commit does not fail on it
    await(probe.commit());
    List<InboxStore.Stored> inbox = await(again.inbox().pending());
    assertEquals(1, inbox.size());
    assertEquals(in2, inbox.get(0).id());
    assertEquals(2, inbox.get(0).entry().getInteger("m"));
    List<OutboxStore.Entry> outbox = await(again.outbox().entries(0, 10));
    assertEquals(List.of(new OutboxStore.Entry(out2, "SUPA", "e2", false), new OutboxStore.Entry(out3, "SUPA", "e3", true)),
        outbox);
    assertEquals(List.of(out3), await(again.outbox().entries(out2, 10)).stream().map(OutboxStore.Entry::id).toList(),
        "a page after an id");
    assertEquals(List.of(new JsonObject().put("o", 2), new JsonObject().put("o", 3)),
        await(again.outbox().read(new long[] {out3, out2})).stream().map(OutboxStore.Stored::message).toList(),
        "read by id, in the order of the ids");
    assertEquals(List.of(new JsonObject().put("step", 2)), await(again.instances().resident()));
    RegistrationStore.Saved model = await(again.registrations().load());
    assertEquals(List.of(new JsonObject().put("supplier", "SUPB")), model.meterPoints());
    assertEquals(List.of(), model.registrations());
    assertEquals(1, model.allocations().size());
    assertEquals("second", model.seedDigest(), "the seed last put in");
    assertEquals(List.of(new JsonObject().put("mode", "physical")), await(again.connections().all()));
    assertEquals(List.of(new JsonObject().put("url", "https://one")), await(again.subscriptions().all()));
    assertEquals(clock, await(again.clock().load()).orElseThrow());
    Unit more = again.units().begin();
    long in3 = again.inbox().put(JsonObject::new, more);
    await(more.commit());
    assertTrue(in3 > in2, "ids go on rising after a reopen");
    await(again.close());
  }

  /**
   * The embedded store reads registrations back by id and by meter point on the caller's thread,
   * so a start reads only their ids and MPxNs (and whole those with no MPxN column, as rows
   * written before it had one); PostgreSQL, read by a reactive client only, reads them all at start.
   */
  @ParameterizedTest
  @MethodSource("durable")
  void registrationsAreReadBackByIdAndMeterPointWhereTheStoreCan(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    Unit unit = store.units().begin();
    RegistrationStore registrations = store.registrations();
    registrations.registration("r-2", registration("r-2", "M1", "Pending"), unit);
    registrations.registration("r-1", registration("r-1", "M1", "Pending"), unit);
    registrations.registration("r-3", registration("r-3", "M2", "Pending"), unit);
    registrations.registration("r-1", registration("r-1", "M1", "Active"), unit);
    registrations.registration("old", new JsonObject().put("id", "old").put("attributes", new JsonObject()), unit);
    await(unit.commit());
    var reads = registrations.reads();
    if (kind == StoreOptions.Kind.embedded) {
      var r = reads.orElseThrow();
      assertEquals(List.of("r-1", "r-2"), r.registrationsOf("M1").stream().map(j -> j.getString("id")).sorted().toList());
      assertEquals(registration("r-1", "M1", "Active"), r.registration("r-1").orElseThrow());
      assertTrue(r.registration("r-9").isEmpty());
      assertTrue(r.registrationsOf("M9").isEmpty());
    } else {
      assertTrue(reads.isEmpty());
    }
    await(store.close());

    Store again = open(kind, false);
    RegistrationStore.Saved saved = await(again.registrations().load());
    if (kind == StoreOptions.Kind.embedded) {
      assertEquals(List.of("old"), saved.registrations().stream().map(j -> j.getString("id")).toList());
      assertEquals(List.of(new RegistrationStore.Left("r-1", "M1"), new RegistrationStore.Left("r-2", "M1"),
              new RegistrationStore.Left("r-3", "M2")),
          saved.inStore().stream().sorted(java.util.Comparator.comparing(RegistrationStore.Left::id)).toList());
    } else {
      assertEquals(List.of("old", "r-1", "r-2", "r-3"), saved.registrations().stream().map(j -> j.getString("id")).toList());
      assertEquals(List.of(), saved.inStore());
    }
    await(again.close());
  }

  private static JsonObject registration(String id, String mpxn, String status) {
    return new JsonObject().put("id", id).put("mpxn", mpxn).put("attributes", new JsonObject().put("status", status));
  }

  /**
   * A durable store keeps the acknowledgements in its table and only their eventIds' hashes in
   * heap: after a reopen every answer still comes out exact, whether one claim asks or two at once.
   */
  private static InstanceStore.Index held(long key) {
    return new InstanceStore.Index(key, "SUPA", null);
  }

  private static JsonObject instance(String id, String ends) {
    return new JsonObject().put("id", id).put("waitingUntil", ends);
  }

  @ParameterizedTest
  @MethodSource("durable")
  void dormantInstancesAreFoundByKeyPartyAndEndOnly(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    InstanceStore instances = store.instances();
    assertTrue(instances.keepsInstances());
    long day = 86_400_000L;
    Unit unit = store.units().begin();
    instances.save("held", () -> instance("held", null), held(7), unit);
    instances.save("d1", () -> instance("d1", "day 2"), new InstanceStore.Index(11, "SUPA", 2 * day), unit);
    instances.save("d2", () -> instance("d2", "day 2"), new InstanceStore.Index(12, "SUPB", 2 * day), unit);
    instances.save("d3", () -> instance("d3", "day 3"), new InstanceStore.Index(13, "SUPA", 3 * day), unit);
    instances.save("d4", () -> instance("d4", "never"), new InstanceStore.Index(14, "SUPA", InstanceStore.NO_END), unit);
    await(unit.commit());
    await(store.close());

    store = open(kind, false);
    instances = store.instances();
    assertEquals(List.of(instance("held", null)), await(instances.resident()), "only the held one is read at start");
    long[] keys = await(instances.dormantKeys());
    java.util.Arrays.sort(keys);
    assertEquals("[11, 12, 13, 14]", java.util.Arrays.toString(keys));
    assertEquals(List.of(instance("d2", "day 2")), await(instances.dormant(12L)));
    assertEquals(List.of(), await(instances.dormant(7L)), "a held instance is not dormant");
    assertEquals(List.of(instance("d1", "day 2"), instance("d2", "day 2")),
        await(instances.dormantEnding(Long.MIN_VALUE, null, 2 * day, 10)), "ending by day 2, by end then id");
    assertEquals(List.of(instance("d1", "day 2")), await(instances.dormantEnding(Long.MIN_VALUE, null, 3 * day, 1)),
        "a page of one");
    assertEquals(List.of(instance("d2", "day 2"), instance("d3", "day 3")),
        await(instances.dormantEnding(2 * day, "d1", 3 * day, 10)), "the next page, after d1");
    assertEquals(List.of(instance("d3", "day 3")), await(instances.dormantEnding(2 * day, null, 3 * day, 10)));
    assertEquals(2 * day, await(instances.firstDormantEnd(day)));
    assertEquals(InstanceStore.NO_END, await(instances.firstDormantEnd(3 * day)), "one waits for a message only");
    assertEquals(null, await(instances.firstDormantEnd(InstanceStore.NO_END)));
    assertEquals(3, await(instances.dormantOf("SUPA")).size());
    assertEquals(List.of(instance("d1", "day 2"), instance("d2", "day 2")), await(instances.dormantSoonest(2)));
    assertEquals(instance("d3", "day 3"), await(instances.state("d3")));
    assertEquals(null, await(instances.state("nothing")));

    Unit back = store.units().begin();
    instances.save("d1", () -> instance("d1", "day 2"), held(11), back);
    instances.forget("d2", back);
    await(back.commit());
    assertEquals(List.of(), await(instances.dormant(11L)), "saved as held, d1 is not dormant any more");
    assertEquals(List.of(instance("d3", "day 3")), await(instances.dormantEnding(Long.MIN_VALUE, null, 3 * day, 10)));
    await(store.close());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void claimsAreAnsweredFromTheTableAfterAReopen(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    Unit unit = store.units().begin();
    for (int i = 0; i < 50; i++) {
      assertTrue(await(store.idempotency().claim(ack("kept-" + i, i), unit)).fresh());
    }
    await(unit.commit());
    Unit abandoned = store.units().begin();
    assertTrue(await(store.idempotency().claim(ack("never-accepted", 7), abandoned)).fresh());
    await(store.idempotency().release("never-accepted"));
    await(store.close());

    Store again = open(kind, false);
    // a durable store reads them beside the start, answering from the table until it has
    org.csssim.testing.Harness.eventually(() -> again.idempotency().stats().size() == 50,
        "the heap knows the 50 eventIds the table holds");
    Unit probe = again.units().begin();
    // two resends of one stored eventId at once: both duplicates of the stored claim
    var first = again.idempotency().claim(ack("kept-7", 99), probe);
    var second = again.idempotency().claim(ack("kept-7", 98), probe);
    for (IdempotencyStore.Claim c : List.of(await(first), await(second))) {
      assertFalse(c.fresh());
      assertTrue(c.existing().sameBody(new byte[] {7}));
      assertEquals("{\"ack\":7}", new String(c.existing().ackBody(), StandardCharsets.UTF_8));
    }
    assertTrue(await(again.idempotency().claim(ack("never-accepted", 7), probe)).fresh(), "a released claim is gone");
    // a new eventId claimed twice at once: exactly one is fresh, the other answers with its ack
    var a = again.idempotency().claim(ack("new", 1), probe);
    var b = again.idempotency().claim(ack("new", 2), probe);
    List<IdempotencyStore.Claim> both = List.of(await(a), await(b));
    assertEquals(1, both.stream().filter(IdempotencyStore.Claim::fresh).count());
    assertTrue(both.stream().filter(c -> !c.fresh()).allMatch(c -> c.existing().sameBody(new byte[] {1})));
    await(probe.commit());
    assertFalse(await(again.idempotency().claim(ack("new", 3), again.units().begin())).fresh(),
        "committed, it is a duplicate read from the table");
    await(again.close());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void aSecondSimulatorOnTheSameDatabaseIsRefusedWhileTheFirstRuns(StoreOptions.Kind kind) throws Exception {
    Store first = open(kind, true);
    Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> open(kind, false));
    assertTrue(refused.getMessage().contains("cannot open the store")
        && refused.getMessage().contains("another simulator instance"), refused.getMessage());
    assertEquals(1, await(first.journal().append(entry("still-mine", JournalEntry.Direction.IN, "SUPA", "CSS", null,
        Instant.now(), JournalEntry.Outcome.ACCEPTED))), "the refused one took nothing from the first");
    await(first.close());
    Store next = open(kind, false);   // free once the first has stopped
    assertEquals(List.of("still-mine"), ids(next, JournalQuery.all(10)));
    await(next.close());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

}
