package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.internal.store.memory.MemoryIdempotency;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.wire.IdempotencyStore;

/**
 * The intake's record of accepted eventIds on a database: answered from memory (the bounded
 * heap record), every fresh claim written with the accepted message's unit (so a resend after
 * a restart is still a duplicate), every release on its own. At start the newest claims, up to
 * the capacity, are read back; {@link Retention} trims the table to the same capacity.
 */
final class SqlIdempotency implements IdempotencyStore {
  private static final String INSERT = "INSERT INTO idempotency (event_id, n, digest, ack) VALUES (?, ?, ?, ?)";

  private final MemoryIdempotency memory;
  private final WriteBehind writes;
  private final AtomicLong next;

  private SqlIdempotency(MemoryIdempotency memory, WriteBehind writes, long last) {
    this.memory = memory;
    this.writes = writes;
    this.next = new AtomicLong(last + 1);
  }

  static Future<SqlIdempotency> open(WriteBehind writes, int capacity) {
    Base64.Decoder b64 = Base64.getDecoder();
    return writes.database().query("SELECT event_id, digest, ack, n FROM idempotency ORDER BY n DESC LIMIT " + capacity)
        .map(rows -> {
          List<StoredAck> claims = new ArrayList<>();
          long last = 0;
          for (var r : rows) {
            claims.add(new StoredAck(r.getString(0), b64.decode(r.getString(1)), b64.decode(SqlJournal.text(r, 2))));
            last = Math.max(last, r.getLong(3));
          }
          Collections.reverse(claims);   // oldest first, so the oldest are forgotten first again
          MemoryIdempotency memory = new MemoryIdempotency(capacity);
          claims.forEach(c -> memory.claim(c, null));
          return new SqlIdempotency(memory, writes, last);
        });
  }

  @Override
  public Future<Claim> claim(StoredAck ack, Unit unit) {
    return memory.claim(ack, unit).onSuccess(c -> {
      if (c.fresh()) {
        Base64.Encoder b64 = Base64.getEncoder();
        SqlUnit.of(unit).add(INSERT, Tuple.of(ack.eventId(), next.getAndIncrement(), b64.encodeToString(ack.bodyDigest()),
            b64.encodeToString(ack.ackBody())));
      }
    });
  }

  @Override
  public Future<Void> release(String eventId) {
    writes.write("DELETE FROM idempotency WHERE event_id = ?", Tuple.of(eventId));
    return memory.release(eventId);
  }

  @Override
  public Stats stats() {
    return memory.stats();
  }

  /** Removes claims beyond the newest {@code keep} (the heap record has forgotten them too). */
  Future<Void> prune(long keep) {
    return writes.write("DELETE FROM idempotency WHERE n <= ?", Tuple.of(next.get() - 1 - keep));
  }
}
