package org.csssim.internal.store.sql;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.csssim.internal.error.Problem;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalExport;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.unit.Unit;

/**
 * The journal in the database: it grows on disk, not in heap, and only {@link Retention}
 * prunes it. Sequence numbers are handed out here, in memory, from the highest stored at
 * start, so an append costs one queued insert; its future completes when that is committed.
 */
final class SqlJournal implements JournalStore {
  static final String COLUMNS = "seq, at_ms, written_ms, direction, method, path, event_id, event_type, correlation_id,"
      + " sender, recipient, mpxn, status, outcome, detail, body, body_truncated";
  private static final String INSERT = "INSERT INTO journal (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
      + " ?, ?, ?, ?, ?)";

  private final WriteBehind writes;
  private final Database db;
  private final AtomicLong nextSeq;
  private final AtomicLong size;
  private final AtomicLong pruned = new AtomicLong();
  /**
   * Entries appended and not yet committed: a query sees them too, so whoever reads the
   * journal sees every entry appended before the read, committed or about to be.
   */
  private final java.util.concurrent.ConcurrentSkipListMap<Long, JournalEntry> uncommitted =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  private SqlJournal(WriteBehind writes, long lastSeq, long size) {
    this.writes = writes;
    this.db = writes.database();
    this.nextSeq = new AtomicLong(lastSeq + 1);
    this.size = new AtomicLong(size);
  }

  /** Opens the journal, reading where its sequence stands. */
  static Future<SqlJournal> open(WriteBehind writes) {
    return writes.database().query("SELECT MAX(seq), COUNT(*) FROM journal").map(rows -> {
      Row r = rows.iterator().next();
      long last = r.getValue(0) == null ? 0 : ((Number) r.getValue(0)).longValue();
      return new SqlJournal(writes, last, ((Number) r.getValue(1)).longValue());
    });
  }

  @Override
  public Future<Long> append(JournalEntry e) {
    long seq = next(e);
    return writes.write(INSERT, row(seq, e)).onComplete(ar -> uncommitted.remove(seq)).map(seq);
  }

  @Override
  public Future<Long> append(JournalEntry e, Unit unit) {
    long seq = next(e);
    SqlUnit.of(unit).add(INSERT, row(seq, e));
    unit.committed().onComplete(ar -> uncommitted.remove(seq));
    return Future.succeededFuture(seq);
  }

  /** The entry's sequence number, and the entry seen by queries until its insert is committed. */
  private long next(JournalEntry e) {
    long seq = nextSeq.getAndIncrement();
    size.incrementAndGet();
    uncommitted.put(seq, e.withSeq(seq));
    return seq;
  }

  private Tuple row(long seq, JournalEntry e) {
    return Tuple.from(new Object[] {seq, e.at().toEpochMilli(), e.wallAt().toEpochMilli(),
        e.direction().name(), e.method(), e.path(), e.eventId(), e.eventType(), e.correlationId(), e.senderMpid(),
        e.recipientMpid(), e.mpxn(), e.status(), e.outcome().name(), detail(e).encode(), e.body(), e.bodyTruncated()});
  }

  @Override
  public Future<List<JournalEntry>> query(JournalQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM journal WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    where(sql, args, "event_id = ?", q.eventId());
    where(sql, args, "correlation_id = ?", q.correlationId());
    where(sql, args, "mpxn = ?", q.mpxn());
    where(sql, args, "event_type = ?", q.eventType());
    if (q.mpid() != null) {
      sql.append(" AND (sender = ? OR recipient = ?)");
      args.add(q.mpid());
      args.add(q.mpid());
    }
    where(sql, args, "at_ms >= ?", q.since() == null ? null : q.since().toEpochMilli());
    where(sql, args, "at_ms < ?", q.until() == null ? null : q.until().toEpochMilli());
    where(sql, args, "seq > ?", q.afterSeq());
    where(sql, args, "seq < ?", q.beforeSeq());
    sql.append(q.newestFirst() ? " ORDER BY seq DESC" : " ORDER BY seq");
    if (q.limit() < Integer.MAX_VALUE) {
      sql.append(" LIMIT ").append(Math.max(0, q.limit()));
    }
    // taken before the database is read: an entry committed meanwhile is in one or the other
    List<JournalEntry> pending = new ArrayList<>();
    for (JournalEntry e : uncommitted.values()) {
      if (q.matches(e)) {
        pending.add(e);
      }
    }
    return db.query(sql.toString(), Tuple.from(args)).map(rows -> {
      java.util.TreeMap<Long, JournalEntry> bySeq = q.newestFirst() ? new java.util.TreeMap<>(java.util.Comparator.reverseOrder())
          : new java.util.TreeMap<>();
      rows.forEach(r -> {
        JournalEntry e = entry(r);
        bySeq.put(e.seq(), e);
      });
      pending.forEach(e -> bySeq.putIfAbsent(e.seq(), e));
      return bySeq.values().stream().limit(q.limit()).toList();
    });
  }

  private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(" AND ").append(clause);
      args.add(value);
    }
  }

  @Override
  public Stats stats() {
    // never full: the journal is bounded by retention, not by a capacity that evicts (0: none)
    return new Stats(size.get(), 0, 0, nextSeq.get() - 1);
  }

  /** Entries removed by retention since start. */
  public long pruned() {
    return pruned.get();
  }

  void prunedSome(long n) {
    pruned.addAndGet(n);
    size.addAndGet(-n);
  }

  WriteBehind writes() {
    return writes;
  }

  static JsonObject detail(JournalEntry e) {
    JsonObject d = new JsonObject();
    if (!e.keys().isEmpty()) {
      d.put("keys", new JsonObject(new LinkedHashMap<>(e.keys())));
    }
    if (!e.ids().isEmpty()) {
      d.put("ids", new JsonObject(new LinkedHashMap<>(e.ids())));
    }
    if (!e.errors().isEmpty()) {
      d.put("errors", JournalExport.errors(e.errors()));
    }
    if (e.attempt() != null) {
      d.put("attempt", JournalExport.attempt(e.attempt()));
    }
    return d;
  }

  /** A boolean column: SQLite keeps it as 0 or 1. */
  static boolean bool(Row r, int i) {
    Object v = r.getValue(i);
    return v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
  }

  /** A row of {@link #COLUMNS}, read by position (H2 and PostgreSQL name columns in different cases). */
  static JournalEntry entry(Row r) {
    JsonObject d = new JsonObject(text(r, 14));
    List<Problem> errors = new ArrayList<>();
    JsonArray ea = d.getJsonArray("errors", new JsonArray());
    for (int i = 0; i < ea.size(); i++) {
      JsonObject x = ea.getJsonObject(i);
      errors.add(new Problem(x.getString("code"), x.getString("message"), x.getString("pointer")));
    }
    JsonObject a = d.getJsonObject("attempt");
    JournalEntry.Attempt attempt = a == null ? null : new JournalEntry.Attempt(a.getInteger("number"), a.getString("url"),
        a.getInteger("status"), a.getLong("latencyMicros"), a.getString("error"));
    return new JournalEntry(r.getLong(0), Instant.ofEpochMilli(r.getLong(1)), JournalEntry.Direction.valueOf(r.getString(3)),
        r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getString(9), r.getString(10),
        strings(d.getJsonObject("keys")), strings(d.getJsonObject("ids")), r.getInteger(12),
        JournalEntry.Outcome.valueOf(r.getString(13)), List.copyOf(errors), text(r, 15), bool(r, 16), attempt,
        Instant.ofEpochMilli(r.getLong(2)));
  }

  private static Map<String, String> strings(JsonObject o) {
    if (o == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** A large-text column as a string, whichever way the driver hands it over. */
  static String text(Row r, int column) {
    Object v = r.getValue(column);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    if (v instanceof io.vertx.core.buffer.Buffer b) {
      return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
    return v.toString();
  }
}
