package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.csssim.internal.scenario.InboxStore;
import org.csssim.internal.unit.Unit;

/** The inbox table: ids handed out here, from the highest stored at start, so a put costs one queued insert. */
final class SqlInbox implements InboxStore {
  static final String INSERT = "INSERT INTO inbox (id, message) VALUES (?, ?)";
  static final String DELETE = "DELETE FROM inbox WHERE id = ?";
  private final WriteBehind writes;
  private final AtomicLong next;

  private SqlInbox(WriteBehind writes, long last) {
    this.writes = writes;
    this.next = new AtomicLong(last + 1);
  }

  static Future<SqlInbox> open(WriteBehind writes) {
    return SqlTables.max(writes.database(), "SELECT MAX(id) FROM inbox").map(last -> new SqlInbox(writes, last));
  }

  @Override
  public long put(Supplier<JsonObject> entry, Unit unit) {
    long id = next.getAndIncrement();
    SqlUnit.of(unit).add(INSERT, Tuple.of(id, entry.get().encode()));
    return id;
  }

  @Override
  public void done(long id, Unit unit) {
    SqlUnit.of(unit).add(DELETE, Tuple.of(id));
  }

  @Override
  public Future<List<Stored>> pending() {
    return writes.database().all("SELECT id, message FROM inbox ORDER BY id", Tuple.tuple(),
        r -> new Stored(r.number(0), new JsonObject(r.text(1))));
  }
}
