package org.csssim.internal.store.sql;

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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.store.RetentionOptions;
import org.csssim.internal.store.StoreOptions;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.wire.IdempotencyStore;
import org.csssim.testing.StoreKinds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What only a database store does, on H2 and PostgreSQL: units of work that commit whole or
 * not at all, the write queue's back-pressure, and the journal's retention.
 */
class SqlStoreTest {
  private Vertx vertx;
  private Path dataDir;

  static Stream<StoreOptions.Kind> durable() {
    return StoreKinds.durable();
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    dataDir = Files.createTempDirectory("csssim-sql");
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private SqlStore open(StoreOptions.Kind kind, RetentionOptions retention) throws Exception {
    StoreOptions options = StoreKinds.config(kind, true);
    if (retention != null) {
      options = options.withRetention(retention);
    }
    return await(SqlStore.open(vertx, options, 1000, dataDir));
  }

  private static List<Long> ids(List<InboxStore.Stored> stored) {
    return stored.stream().map(InboxStore.Stored::id).toList();
  }

  @ParameterizedTest
  @MethodSource("durable")
  void aUnitCommitsWholeOrNotAtAllAndFailsAlone(StoreOptions.Kind kind) throws Exception {
    SqlStore store = open(kind, null);
    WriteBehind w = store.writes();
    await(w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(1L, "{}")));
    // a slow statement first, so the failing unit and the writes around it share one batch
    sleep(kind, w);
    Future<Void> before = w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(10L, "{}"));
    SqlUnit unit = (SqlUnit) store.units().begin();
    unit.add("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(2L, "{}"));
    unit.add("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(1L, "{\"again\":true}"));
    Future<Void> failed = unit.commit();
    Future<Void> after = w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(11L, "{}"));
    await(failed.otherwiseEmpty());
    assertTrue(failed.failed(), "a unit with a failing write fails");
    assertTrue(unit.committed().failed(), "and says so to those who added to it");
    await(before);
    await(after);
    assertEquals(List.of(1L, 10L, 11L), ids(await(store.inbox().pending())),
        "the unit's first write was rolled back with its second; the writes that shared its batch committed");
    assertEquals(2, w.failures(), "the failed unit's two writes, and no others");
    assertFalse(store.status().failing(), "writes committed after the failure, so the store is not failing now");
    assertTrue(store.status().lastFailure().error().toLowerCase(java.util.Locale.ROOT).contains("inbox"),
        "and the failure is kept to be seen");
    await(store.close());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void anEntryQueuedAndHandledInOneBatchIsNeverWritten(StoreOptions.Kind kind) throws Exception {
    SqlStore store = open(kind, null);
    WriteBehind w = store.writes();
    sleep(kind, w);   // a slow statement first, so the units below share the next batch
    long before = w.written();
    Unit sends = store.units().begin();
    long handed = store.inbox().put(() -> new JsonObject().put("handOver", 1), sends);
    long kept = store.inbox().put(() -> new JsonObject().put("handOver", 2), sends);
    Future<Void> sent = sends.commit();
    Unit handles = store.units().begin();
    store.inbox().done(handed, handles);
    Future<Void> handled = handles.commit();
    await(sent);
    await(handled);

    assertEquals(List.of(kept), ids(await(store.inbox().pending())));
    assertEquals(1, w.written() - before - 1, "only the entry still pending was written (beside the slow statement)");
    await(store.close());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void anEmptyUnitCommitsAtOnceAndAUnitCommitsOnce(StoreOptions.Kind kind) throws Exception {
    SqlStore store = open(kind, null);
    Unit unit = store.units().begin();
    assertTrue(unit.commit().succeeded());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, unit::commit);
    await(store.close());
  }

  /** A statement that takes about a second, queued: SQLite has no sleep, so it counts to a few million. */
  private static void sleep(StoreOptions.Kind kind, WriteBehind w) throws Exception {
    w.write(kind == StoreOptions.Kind.embedded
        ? "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 8000000) SELECT COUNT(*) FROM c"
        : "SELECT pg_sleep(1)", Tuple.tuple());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void aBacklogOfWritesHoldsBackWorkThatCanWait(StoreOptions.Kind kind) throws Exception {
    SqlStore store = open(kind, null);
    WriteBehind w = store.writes();
    sleep(kind, w);   // a slow transaction first, so what follows queues behind it
    int rows = WriteBehind.HIGH_WATER + 5_000;
    Future<Void> last = null;
    for (long i = 1; i <= rows; i++) {
      last = w.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(i, "{}"));
    }
    Future<Void> room = store.units().room();
    assertFalse(room.isComplete(), "past the high-water mark the pacer waits");
    int[] queuedWhenFreed = {-1};
    room.onSuccess(x -> queuedWhenFreed[0] = w.queued());
    await(room);
    assertTrue(queuedWhenFreed[0] >= 0 && queuedWhenFreed[0] <= WriteBehind.HIGH_WATER / 2, "freed at half: " + queuedWhenFreed[0]);
    await(last);
    assertEquals(rows, await(store.inbox().pending()).size(), "nothing held back is lost");
    assertTrue(w.room().isComplete());
    await(store.close());
  }

  private static JournalEntry entry(String eventId, Instant at) {
    return new JournalEntry(0, at, JournalEntry.Direction.IN, "POST", "/switches", eventId, "SwitchRequest",
        "corr-" + eventId, "SUPA", "CSS", java.util.Map.of(), java.util.Map.of(), 202, JournalEntry.Outcome.ACCEPTED,
        List.of(), "{\"eventId\":\"" + eventId + "\",\"text\":\"" + "x".repeat(70_000) + "\"}", false, null);
  }

  @ParameterizedTest
  @MethodSource("durable")
  void retentionExportsThenPrunesByCountAndByAge(StoreOptions.Kind kind) throws Exception {
    SqlStore store = open(kind, new RetentionOptions(null, 5L, true, null));
    Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    for (int i = 1; i <= 12; i++) {
      await(store.journal().append(entry("r" + i, t0)));
    }
    assertEquals(7L, await(store.retention().runOnce()));
    assertEquals(List.of("r8", "r9", "r10", "r11", "r12"),
        await(store.journal().query(JournalQuery.all(100))).stream().map(JournalEntry::eventId).toList());
    assertEquals(5, store.journal().stats().size());
    List<String> archived = archived(store.retention().archive());
    assertEquals(7, archived.size());
    assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(store.retention().archive())), "the archive holds whole bodies: owner-only");
    try (var files = Files.list(store.retention().archive())) {
      files.forEach(f -> assertEquals("rw-------", permissions(f), f.toString()));
    }
    JsonObject first = new JsonObject(archived.get(0));
    assertEquals("r1", first.getString("eventId"));
    assertEquals(70_026, first.getString("body").length(), "the archive keeps bodies whole");
    assertEquals(0L, await(store.retention().runOnce()), "nothing more to prune");

    // by age: a retention whose wall clock is a day on finds every entry older than an hour
    Retention byAge = new Retention(vertx, store.sqlJournal(), (SqlIdempotency) store.idempotency(),
        new RetentionOptions(Duration.ofHours(1), null, false, null), 1000, dataDir.resolve("none"),
        Clock.offset(Clock.systemUTC(), Duration.ofDays(1)));
    assertEquals(5L, await(byAge.runOnce()));
    assertEquals(List.of(), await(store.journal().query(JournalQuery.all(100))));
    assertFalse(Files.exists(dataDir.resolve("none")), "export off writes no archive");
    await(store.close());
  }

  @ParameterizedTest
  @MethodSource("durable")
  void resendsOfClaimsMadeBeforeAreDuplicatesWhileTheirIndexIsStillBeingRead(StoreOptions.Kind kind) throws Exception {
    SqlStore store = open(kind, null);
    Unit before = store.units().begin();
    for (int i = 0; i < 3; i++) {
      assertTrue(await(store.idempotency().claim(ack("before-" + i, i), before)).fresh());
    }
    await(before.commit());
    await(store.close());

    SqlStore again = await(SqlStore.open(vertx, StoreKinds.config(kind, false), 1000, dataDir));   // as left
    io.vertx.core.Promise<Void> gate = io.vertx.core.Promise.promise();
    SqlIdempotency ids = await(SqlIdempotency.open(again.writes(), 1000, gate.future()));
    Unit unit = again.units().begin();
    // the index holds nothing yet: a resend is found in the table, a new eventId is not
    IdempotencyStore.Claim early = await(ids.claim(ack("before-1", 9), unit));
    assertFalse(early.fresh(), "a resend before the index is read is still a duplicate");
    assertEquals("{\"ack\":1}", new String(early.existing().ackBody(), StandardCharsets.UTF_8));
    assertTrue(await(ids.claim(ack("during", 4), unit)).fresh());
    await(unit.commit());
    assertFalse(ids.indexed().isComplete(), "the index waits for the gate");

    gate.complete();
    await(ids.indexed());
    assertEquals(4, ids.stats().size(), "the three claims from before and the one made while it was read, each once");
    Unit later = again.units().begin();
    assertFalse(await(ids.claim(ack("before-2", 9), later)).fresh());
    assertFalse(await(ids.claim(ack("during", 9), later)).fresh());
    assertTrue(await(ids.claim(ack("after", 5), later)).fresh());
    await(later.commit());
    await(again.close());
  }

  private static IdempotencyStore.StoredAck ack(String eventId, int n) {
    return new IdempotencyStore.StoredAck(eventId, new byte[] {(byte) n}, ("{\"ack\":" + n + "}").getBytes(StandardCharsets.UTF_8));
  }

  private static String permissions(Path p) {
    try {
      return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
