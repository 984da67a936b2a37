package org.csssim.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.wire.IdempotencyStore;

/**
 * {@link StateStore} in the database, every change through the one {@link WriteBehind}, so
 * changes commit in the order they were made: a script's new state and the messages it sent
 * are committed no later than the inbox entry it handled is marked done.
 */
public final class SqlStateStore implements StateStore {
  private final WriteBehind writes;
  private final Database db;
  private final AtomicLong nextInbox;
  private final AtomicLong nextOutbox;
  private final AtomicLong nextClaim;
  private final String upsertInstance;
  private final String upsertDocument;

  private SqlStateStore(WriteBehind writes, long inbox, long outbox, long claim) {
    this.writes = writes;
    this.db = writes.database();
    this.nextInbox = new AtomicLong(inbox + 1);
    this.nextOutbox = new AtomicLong(outbox + 1);
    this.nextClaim = new AtomicLong(claim + 1);
    this.upsertInstance = db.dialect().upsert("instances", List.of("id"), List.of("id", "state"));
    this.upsertDocument = db.dialect().upsert("documents", List.of("kind", "id"), List.of("kind", "id", "body"));
  }

  public static Future<SqlStateStore> open(WriteBehind writes) {
    Database db = writes.database();
    return db.query("SELECT (SELECT MAX(id) FROM inbox), (SELECT MAX(id) FROM outbox), (SELECT MAX(n) FROM idempotency)")
        .map(rows -> {
          Row r = rows.iterator().next();
          return new SqlStateStore(writes, number(r, 0), number(r, 1), number(r, 2));
        });
  }

  private static long number(Row r, int i) {
    Object v = r.getValue(i);
    return v == null ? 0 : ((Number) v).longValue();
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public String description() {
    return db.description();
  }

  @Override
  public void claimed(IdempotencyStore.StoredAck ack) {
    Base64.Encoder b64 = Base64.getEncoder();
    writes.writeLater("INSERT INTO idempotency (event_id, n, digest, ack) VALUES (?, ?, ?, ?)", Tuple.of(ack.eventId(),
        nextClaim.getAndIncrement(), b64.encodeToString(ack.bodyDigest()), b64.encodeToString(ack.ackBody())));
  }

  @Override
  public void released(String eventId) {
    writes.writeLater("DELETE FROM idempotency WHERE event_id = ?", Tuple.of(eventId));
  }

  @Override
  public Future<List<IdempotencyStore.StoredAck>> claims(int limit) {
    Base64.Decoder b64 = Base64.getDecoder();
    return db.query("SELECT event_id, digest, ack FROM idempotency ORDER BY n DESC LIMIT " + limit).map(rows -> {
      List<IdempotencyStore.StoredAck> out = new ArrayList<>();
      rows.forEach(r -> out.add(new IdempotencyStore.StoredAck(r.getString(0), b64.decode(r.getString(1)),
          b64.decode(SqlJournal.text(r, 2)))));
      java.util.Collections.reverse(out);
      return out;
    });
  }

  /** Removes claims beyond the newest {@code keep} (the in-memory record has forgotten them too). */
  Future<Void> pruneClaims(long keep) {
    return writes.write("DELETE FROM idempotency WHERE n <= ?", Tuple.of(nextClaim.get() - 1 - keep));
  }

  @Override
  public Queued inbox(java.util.function.Supplier<JsonObject> message) {
    long id = nextInbox.getAndIncrement();
    return new Queued(id, writes.write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(id, message.get().encode())));
  }

  @Override
  public void inboxDone(long id) {
    writes.writeLater("DELETE FROM inbox WHERE id = ?", Tuple.of(id));
  }

  @Override
  public Future<List<Stored>> inboxPending() {
    return stored("SELECT id, message, FALSE FROM inbox ORDER BY id");
  }

  @Override
  public Queued outbox(java.util.function.Supplier<JsonObject> message) {
    long id = nextOutbox.getAndIncrement();
    return new Queued(id, writes.write("INSERT INTO outbox (id, dead, message) VALUES (?, FALSE, ?)",
        Tuple.of(id, message.get().encode())));
  }

  @Override
  public void outboxDone(long id) {
    writes.writeLater("DELETE FROM outbox WHERE id = ?", Tuple.of(id));
  }

  @Override
  public void outboxDead(long id, boolean dead) {
    writes.writeLater("UPDATE outbox SET dead = ? WHERE id = ?", Tuple.of(dead, id));
  }

  @Override
  public Future<List<Stored>> outboxPending() {
    return stored("SELECT id, message, dead FROM outbox ORDER BY id");
  }

  private Future<List<Stored>> stored(String sql) {
    return db.query(sql).map(rows -> {
      List<Stored> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Stored(r.getLong(0), new JsonObject(SqlJournal.text(r, 1)), r.getBoolean(2))));
      return out;
    });
  }

  @Override
  public void saveInstance(String id, JsonObject state) {
    writes.writeLater(upsertInstance, Tuple.of(id, state.encode()));
  }

  @Override
  public void forgetInstance(String id) {
    writes.writeLater("DELETE FROM instances WHERE id = ?", Tuple.of(id));
  }

  @Override
  public Future<List<JsonObject>> instances() {
    return bodies("SELECT state FROM instances", Tuple.tuple());
  }

  @Override
  public void put(String kind, String id, JsonObject body) {
    writes.writeLater(upsertDocument, Tuple.of(kind, id, body.encode()));
  }

  @Override
  public void remove(String kind, String id) {
    writes.writeLater("DELETE FROM documents WHERE kind = ? AND id = ?", Tuple.of(kind, id));
  }

  @Override
  public Future<List<JsonObject>> documents(String kind) {
    return bodies("SELECT body FROM documents WHERE kind = ? ORDER BY id", Tuple.of(kind));
  }

  private Future<List<JsonObject>> bodies(String sql, Tuple args) {
    return db.query(sql, args).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      rows.forEach(r -> out.add(new JsonObject(SqlJournal.text(r, 0))));
      return out;
    });
  }

  @Override
  public <T> T unit(java.util.function.Supplier<T> work) {
    return writes.unit(work);
  }

  @Override
  public Future<Void> room() {
    return writes.room();
  }

  @Override
  public Future<Void> drained() {
    return writes.drained();
  }

  @Override
  public Future<Void> close() {
    return writes.drained().eventually(db::close);
  }
}
