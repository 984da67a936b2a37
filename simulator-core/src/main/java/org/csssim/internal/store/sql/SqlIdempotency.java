package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.internal.id.Hash64;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.wire.IdempotencyStore;

/**
 * The intake's record of accepted eventIds on a database. The table holds every claim of the
 * window, its acknowledgement among them; the heap holds only an {@link EventIdIndex} of their
 * eventIds' hashes, and the claims of this process not yet committed. So a claim is answered:
 * <ul>
 *   <li>by a claim of this process still being committed (or looked up): exactly, from heap;</li>
 *   <li>for an eventId the index does not hold (every new one): fresh, with no read;</li>
 *   <li>for one it may hold: by reading the table, which has the earlier acknowledgement, or
 *       has not (a released claim, or two eventIds of one hash), and then it is fresh.</li>
 * </ul>
 * Every fresh claim is written with the accepted message's unit, so a resend after a restart is
 * still a duplicate. At start only the newest eventIds, up to the capacity, are read back, for
 * the index, and not before the start goes on; {@link Retention} trims the table to the same
 * capacity.
 */
final class SqlIdempotency implements IdempotencyStore {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqlIdempotency.class);
  private static final String FIND = "SELECT digest, ack FROM idempotency WHERE event_id = ?";

  private final WriteBehind writes;
  private final String claimRow;
  private final EventIdIndex index;
  private final AtomicLong next;
  /** Per eventId: the claim this process made and has not committed yet, or the answer being read. */
  private final ConcurrentHashMap<String, Future<StoredAck>> deciding = new ConcurrentHashMap<>();
  /** Completes once the index holds the claims the store held at open. */
  private final Future<Void> indexed;

  private SqlIdempotency(WriteBehind writes, EventIdIndex index, long last, Future<Void> indexed) {
    this.writes = writes;
    this.indexed = indexed;
    // a claim the index has forgotten (past the capacity) may keep its row until retention trims
    // the table: a fresh claim of its eventId replaces that row rather than failing on it
    this.claimRow = writes.database().dialect().upsert("idempotency", List.of("event_id"),
        List.of("event_id", "n", "digest", "ack"));
    this.index = index;
    this.next = new AtomicLong(last + 1);
  }

  static Future<SqlIdempotency> open(WriteBehind writes, int capacity) {
    return open(writes, capacity, Future.succeededFuture());
  }

  /**
   * Opens at once, with an index of only the claims made from now on; the claims the store held
   * before (the newest, up to the capacity) are read for it once {@code readAfter} completes,
   * beside the rest of the start and after it. Until they are, every claim is checked against
   * the table: a resend is a duplicate however early it comes. (Read before the start went on,
   * they were a quarter of a start on a directory a two-minute soak had left.)
   */
  static Future<SqlIdempotency> open(WriteBehind writes, int capacity, Future<?> readAfter) {
    return SqlTables.max(writes.database(), "SELECT MAX(n) FROM idempotency").map(last -> {
      EventIdIndex index = EventIdIndex.partial(capacity);
      Future<Void> indexed = readAfter.compose(x -> writes.database().all(
          "SELECT event_id FROM idempotency WHERE n <= ? ORDER BY n DESC LIMIT ?", Tuple.of(last, capacity),
          r -> Hash64.of(r.text(0)))).map(newestFirst -> {
            long[] oldestFirst = new long[newestFirst.size()];
            for (int i = 0; i < oldestFirst.length; i++) {
              oldestFirst[i] = newestFirst.get(oldestFirst.length - 1 - i);
            }
            index.addOlder(oldestFirst);
            return (Void) null;
          });
      indexed.onFailure(e -> LOG.warn("store: the accepted eventIds could not be read ({}); every message's eventId is"
          + " looked up in the store until the next start", e.toString()));
      return new SqlIdempotency(writes, index, last, indexed);
    });
  }

  @Override
  public Future<Claim> claim(StoredAck ack, Unit unit) {
    String eventId = ack.eventId();
    Promise<StoredAck> decided = Promise.promise();
    Future<StoredAck> earlier = deciding.putIfAbsent(eventId, decided.future());
    if (earlier != null) {
      // the same eventId, claimed a moment ago: whichever claim decides first holds it
      return earlier.map(existing -> new Claim(false, existing));
    }
    if (!index.mayHold(eventId)) {
      return Future.succeededFuture(fresh(ack, unit, decided));
    }
    return writes.database().query(FIND, Tuple.of(eventId)).transform(ar -> {
      if (ar.failed()) {
        deciding.remove(eventId, decided.future());
        decided.fail(ar.cause());
        return Future.failedFuture(ar.cause());
      }
      var found = ar.result().iterator();
      if (!found.hasNext()) {
        return Future.succeededFuture(fresh(ack, unit, decided));
      }
      Row r = found.next();
      Base64.Decoder b64 = Base64.getDecoder();
      StoredAck existing = new StoredAck(eventId, b64.decode(r.getString(0)), b64.decode(SqlJournal.text(r, 1)));
      deciding.remove(eventId, decided.future());
      decided.complete(existing);
      return Future.succeededFuture(new Claim(false, existing));
    });
  }

  /** Holds {@code eventId} for {@code ack}: written with {@code unit}, answered from heap until that commits. */
  private Claim fresh(StoredAck ack, Unit unit, Promise<StoredAck> decided) {
    index.add(ack.eventId());
    Base64.Encoder b64 = Base64.getEncoder();
    SqlUnit.of(unit).add(claimRow, Tuple.of(ack.eventId(), next.getAndIncrement(), b64.encodeToString(ack.bodyDigest()),
        b64.encodeToString(ack.ackBody())));
    decided.complete(ack);
    unit.committed().onComplete(x -> deciding.remove(ack.eventId(), decided.future()));
    return new Claim(true, null);
  }

  /** A claim whose message was not accepted (its unit not committed, or failed): a retry is processed afresh. */
  @Override
  public Future<Void> release(String eventId) {
    deciding.remove(eventId);
    // its row was never committed; the delete is for a store an earlier release left it in
    writes.write("DELETE FROM idempotency WHERE event_id = ?", Tuple.of(eventId));
    return Future.succeededFuture();
  }

  /** Completes once the index holds the claims the store held at open (for tests). */
  Future<Void> indexed() {
    return indexed;
  }

  @Override
  public Stats stats() {
    return new Stats(index.size(), index.capacity(), index.forgotten());
  }

  /** Removes claims beyond the newest {@code keep} (the index has forgotten them too). */
  Future<Void> prune(long keep) {
    return writes.write("DELETE FROM idempotency WHERE n <= ?", Tuple.of(next.get() - 1 - keep));
  }
}
