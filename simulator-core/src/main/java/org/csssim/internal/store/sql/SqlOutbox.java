package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.csssim.internal.delivery.OutboxStore;
import org.csssim.internal.unit.Unit;

/** The outbox table: put with the step that sent the message; acknowledged and dead-lettered on their own. */
final class SqlOutbox implements OutboxStore {
  static final String INSERT = "INSERT INTO outbox (id, dead, message, recipient, event_id) VALUES (?, FALSE, ?, ?, ?)";
  static final String DELETE = "DELETE FROM outbox WHERE id = ?";
  private static final int READ_CHUNK = 500;
  private final WriteBehind writes;
  private final AtomicLong next;

  private SqlOutbox(WriteBehind writes, long last) {
    this.writes = writes;
    this.next = new AtomicLong(last + 1);
  }

  static Future<SqlOutbox> open(WriteBehind writes) {
    return SqlTables.max(writes.database(), "SELECT MAX(id) FROM outbox").map(last -> new SqlOutbox(writes, last));
  }

  @Override
  public long put(String recipient, String eventId, Supplier<JsonObject> message, Unit unit) {
    long id = next.getAndIncrement();
    SqlUnit.of(unit).add(INSERT, Tuple.of(id, message.get().encode(), recipient, eventId));
    return id;
  }

  @Override
  public void done(long id) {
    writes.write(DELETE, Tuple.of(id));
  }

  @Override
  public void dead(long id, boolean dead) {
    writes.write("UPDATE outbox SET dead = ? WHERE id = ?", Tuple.of(dead, id));
  }

  @Override
  public Future<List<Entry>> entries(long afterId, int limit) {
    return writes.database().all("SELECT id, recipient, event_id, dead FROM outbox WHERE id > ? ORDER BY id LIMIT ?",
        Tuple.of(afterId, limit), r -> new Entry(r.number(0), r.text(1), r.text(2), r.bool(3)));
  }

  @Override
  public boolean keepsMessages() {
    return true;
  }

  /** In chunks, as a statement takes a bounded number of parameters (SQLite's default limit is 32,766). */
  @Override
  public Future<List<Stored>> read(long[] ids) {
    long[] sorted = ids.clone();
    Arrays.sort(sorted);   // so that the chunks, each in id order, are in order too
    return read(sorted, 0, new ArrayList<>());
  }

  private Future<List<Stored>> read(long[] ids, int from, List<Stored> out) {
    if (from >= ids.length) {
      return Future.succeededFuture(out);
    }
    int to = Math.min(ids.length, from + READ_CHUNK);
    Tuple args = Tuple.tuple();
    for (int i = from; i < to; i++) {
      args.addLong(ids[i]);
    }
    String in = String.join(", ", Collections.nCopies(to - from, "?"));
    return writes.database().all("SELECT id, message, dead FROM outbox WHERE id IN (" + in + ") ORDER BY id", args,
        SqlOutbox::stored).compose(rows -> {
          out.addAll(rows);
          return read(ids, to, out);
        });
  }

  private static Stored stored(Cells r) {
    return new Stored(r.number(0), new JsonObject(r.text(1)), r.bool(2));
  }
}
