package org.csssim.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.csssim.config.ConfigLoader;
import org.csssim.config.SimulatorConfig;
import org.csssim.error.Problem;
import org.csssim.journal.JournalEntry;
import org.csssim.journal.JournalQuery;
import org.csssim.testing.StoreKinds;
import org.csssim.wire.IdempotencyStore;
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
    return open(kind, fresh, null);
  }

  private Store open(StoreOptions.Kind kind, boolean fresh, RetentionOptions retention) throws Exception {
    StoreOptions sc = StoreKinds.config(kind, fresh);
    if (retention != null) {
      sc = sc.withRetention(retention);
    }
    SimulatorConfig config = ConfigLoader.loadEmbeddedPit(Map.of()).withDataDir(dataDir.toString()).withStore(sc);
    return await(Store.open(vertx, config, dataDir));
  }

  private static JournalEntry entry(String eventId, JournalEntry.Direction dir, String from, String to, String mpxn,
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

  @ParameterizedTest
  @MethodSource("all")
  void stateComesBackAfterAReopenFromADurableStoreOnly(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    StateStore s = store.state();
    s.claimed(new IdempotencyStore.StoredAck("a", new byte[] {1, 2}, "{\"ack\":1}".getBytes(StandardCharsets.UTF_8)));
    s.claimed(new IdempotencyStore.StoredAck("b", new byte[] {3}, "{\"ack\":2}".getBytes(StandardCharsets.UTF_8)));
    s.claimed(new IdempotencyStore.StoredAck("c", new byte[] {4}, "{\"ack\":3}".getBytes(StandardCharsets.UTF_8)));
    s.released("b");
    long in1 = s.inbox(() -> new JsonObject().put("m", 1)).id();
    long in2 = s.inbox(() -> new JsonObject().put("m", 2)).id();
    s.inboxDone(in1);
    long out1 = s.outbox(() -> new JsonObject().put("o", 1)).id();
    long out2 = s.outbox(() -> new JsonObject().put("o", 2)).id();
    long out3 = s.outbox(() -> new JsonObject().put("o", 3)).id();
    s.outboxDone(out1);
    s.outboxDead(out3, true);
    s.saveInstance("i1", new JsonObject().put("step", 1));
    s.saveInstance("i1", new JsonObject().put("step", 2));
    s.saveInstance("i2", new JsonObject().put("step", 9));
    s.forgetInstance("i2");
    s.put("meterPoint", "1000000000016", new JsonObject().put("supplier", "SUPA"));
    s.put("meterPoint", "1000000000016", new JsonObject().put("supplier", "SUPB"));
    s.put("meterPoint", "2000000000000", new JsonObject().put("supplier", "SUPC"));
    s.remove("meterPoint", "2000000000000");
    assertTrue(in2 > in1 && out3 > out2 && out2 > out1, "ids rise");
    await(store.close());

    Store again = open(kind, false);
    StateStore r = again.state();
    if (!again.durable()) {
      assertEquals(List.of(), await(r.inboxPending()));
      assertEquals(List.of(), await(r.instances()));
      await(again.close());
      return;
    }
    List<IdempotencyStore.StoredAck> claims = await(r.claims(10));
    assertEquals(List.of("a", "c"), claims.stream().map(IdempotencyStore.StoredAck::eventId).toList());
    assertTrue(claims.get(0).sameBody(new byte[] {1, 2}));
    assertEquals("{\"ack\":1}", new String(claims.get(0).ackBody(), StandardCharsets.UTF_8));
    assertEquals(List.of("c"), await(r.claims(1)).stream().map(IdempotencyStore.StoredAck::eventId).toList(),
        "the newest claims when limited");
    List<StateStore.Stored> inbox = await(r.inboxPending());
    assertEquals(1, inbox.size());
    assertEquals(in2, inbox.get(0).id());
    assertEquals(2, inbox.get(0).message().getInteger("m"));
    List<StateStore.Stored> outbox = await(r.outboxPending());
    assertEquals(List.of(out2, out3), outbox.stream().map(StateStore.Stored::id).toList());
    assertEquals(List.of(false, true), outbox.stream().map(StateStore.Stored::dead).toList());
    assertEquals(List.of(new JsonObject().put("step", 2)), await(r.instances()));
    assertEquals(List.of(new JsonObject().put("supplier", "SUPB")), await(r.documents("meterPoint")));
    assertEquals(List.of(), await(r.documents("registration")));
    long in3 = r.inbox(JsonObject::new).id();
    assertTrue(in3 > in2, "ids go on rising after a reopen");
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

  @ParameterizedTest
  @MethodSource("durable")
  void aUnitCommitsWholeOrNotAtAllAndFailsAlone(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    WriteBehind w = store.writes();
    await(w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(1L, "{}")));
    // a slow statement first, so the failing unit and the writes around it share one batch
    sleep(kind, w);
    Future<Void> before = w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(10L, "{}"));
    List<Future<Void>> parts = w.unit(() -> List.of(
        w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(2L, "{}")),
        w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(1L, "{\"again\":true}"))));
    Future<Void> after = w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(11L, "{}"));
    for (Future<Void> part : parts) {
      await(part.otherwiseEmpty());
      assertTrue(part.failed(), "every write of a failed unit fails");
    }
    await(before);
    await(after);
    assertEquals(List.of(1L, 10L, 11L), await(store.state().inboxPending()).stream().map(StateStore.Stored::id).toList(),
        "the unit's first write was rolled back with its second; the writes that shared its batch committed");
    assertEquals(2, w.failures(), "the failed unit's two writes, and no others");
    await(store.close());
  }

  private static void sleep(StoreOptions.Kind kind, WriteBehind w) throws Exception {
    if (kind == StoreOptions.Kind.embedded) {
      await(w.write("CREATE ALIAS IF NOT EXISTS SLEEP FOR 'java.lang.Thread.sleep'", Tuple.tuple()));
    }
    w.write(kind == StoreOptions.Kind.embedded ? "CALL SLEEP(1000)" : "SELECT pg_sleep(1)", Tuple.tuple());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void aBacklogOfWritesHoldsBackWorkThatCanWait(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true);
    WriteBehind w = store.writes();
    sleep(kind, w);   // a slow transaction first, so what follows queues behind it
    int rows = WriteBehind.HIGH_WATER + 5_000;
    Future<Void> last = null;
    for (long i = 1; i <= rows; i++) {
      last = w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(i, "{}"));
    }
    Future<Void> room = w.room();
    assertFalse(room.isComplete(), "past the high-water mark the pacer waits");
    int[] queuedWhenFreed = {-1};
    room.onSuccess(x -> queuedWhenFreed[0] = w.queued());
    await(room);
    assertTrue(queuedWhenFreed[0] >= 0 && queuedWhenFreed[0] <= WriteBehind.HIGH_WATER / 2, "freed at half: " + queuedWhenFreed[0]);
    await(last);
    assertEquals(rows, await(store.state().inboxPending()).size(), "nothing held back is lost");
    assertTrue(w.room().isComplete());
    await(store.close());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void retentionExportsThenPrunesByCountAndByAge(StoreOptions.Kind kind) throws Exception {
    Store store = open(kind, true, new RetentionOptions(null, 5L, true, null));
    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    for (int i = 1; i <= 12; i++) {
      await(store.journal().append(entry("r" + i, JournalEntry.Direction.IN, "SUPA", "CSS", null, t0,
          JournalEntry.Outcome.ACCEPTED)));
    }
    assertEquals(7L, await(store.retention().runOnce()));
    assertEquals(List.of("r8", "r9", "r10", "r11", "r12"), ids(store, JournalQuery.all(100)));
    assertEquals(5, store.journal().stats().size());
    List<String> archived = archived(store.retention().archive());
    assertEquals(7, archived.size());
    JsonObject first = new JsonObject(archived.get(0));
    assertEquals("r1", first.getString("eventId"));
    assertEquals(70_026, first.getString("body").length(), "the archive keeps bodies whole");
    assertEquals(0L, await(store.retention().runOnce()), "nothing more to prune");

    // by age: a retention whose wall clock is a day on finds every entry older than an hour
    SqlJournal journal = (SqlJournal) store.journal();
    Retention byAge = new Retention(vertx, journal, (SqlStateStore) store.state(),
        new RetentionOptions(Duration.ofHours(1), null, false, null), 1000, dataDir.resolve("none"),
        Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
    assertEquals(5L, await(byAge.runOnce()));
    assertEquals(List.of(), ids(store, JournalQuery.all(100)));
    assertFalse(Files.exists(dataDir.resolve("none")), "export off writes no archive");
    await(store.close());
  }

  private static List<String> archived(Path dir) throws Exception {
    List<String> lines = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
            StandardCharsets.UTF_8))) {
          r.lines().forEach(lines::add);
        }
      }
    }
    return lines;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

}
