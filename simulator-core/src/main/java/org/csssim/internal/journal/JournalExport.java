package org.csssim.internal.journal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.stream.Collectors;
import org.csssim.internal.error.Problem;

/** Journal entries as JSON (one object per entry), JSON lines, or CSV with a header row. */
public final class JournalExport {
  private static final String CSV_HEADER = "seq,at,direction,eventId,eventType,correlationId,from,to,mpxn,status,outcome,"
      + "attempt,url,latencyMicros,errors";

  private JournalExport() {}

  public static JsonObject json(JournalEntry e, boolean withBody) {
    JsonObject o = new JsonObject().put("seq", e.seq()).put("at", e.at().toString())
        .put("wallAt", e.wallAt().toString()).put("direction", e.direction().name())
        .put("method", e.method()).put("path", e.path()).put("eventId", e.eventId()).put("eventType", e.eventType())
        .put("correlationId", e.correlationId()).put("from", e.senderMpid()).put("to", e.recipientMpid())
        .put("keys", new JsonObject(new java.util.LinkedHashMap<>(e.keys())))
        .put("ids", new JsonObject(new java.util.LinkedHashMap<>(e.ids()))).put("status", e.status())
        .put("outcome", e.outcome().name());
    if (!e.errors().isEmpty()) {
      o.put("errors", errors(e.errors()));
    }
    if (e.attempt() != null) {
      o.put("attempt", attempt(e.attempt()));
    }
    if (withBody && e.body() != null) {
      o.put("body", e.body()).put("bodyTruncated", e.bodyTruncated());
    }
    return o;
  }

  /** An entry's errors as the exports (and the durable journal) write them. */
  public static JsonArray errors(List<Problem> errors) {
    JsonArray out = new JsonArray();
    errors.forEach(x -> out.add(new JsonObject().put("code", x.code()).put("message", x.message()).put("pointer", x.pointer())));
    return out;
  }

  /** A delivery attempt as the exports (and the durable journal) write it. */
  public static JsonObject attempt(JournalEntry.Attempt a) {
    return new JsonObject().put("number", a.number()).put("url", a.url()).put("status", a.status())
        .put("latencyMicros", a.latencyMicros()).put("error", a.error());
  }

  public static String jsonLines(List<JournalEntry> entries) {
    return entries.stream().map(e -> json(e, true).encode()).collect(Collectors.joining("\n", "", entries.isEmpty() ? "" : "\n"));
  }

  public static String csv(List<JournalEntry> entries) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (JournalEntry e : entries) {
      JournalEntry.Attempt a = e.attempt();
      sb.append(String.join(",", String.valueOf(e.seq()), e.at().toString(), e.direction().name(), cell(e.eventId()),
          cell(e.eventType()), cell(e.correlationId()), cell(e.senderMpid()), cell(e.recipientMpid()), cell(e.mpxn()),
          String.valueOf(e.status()), e.outcome().name(), a == null ? "" : String.valueOf(a.number()),
          cell(a == null ? null : a.url()), a == null ? "" : String.valueOf(a.latencyMicros()),
          cell(e.errors().stream().map(x -> x.code() + (x.pointer() == null ? "" : " " + x.pointer()))
              .collect(Collectors.joining("; ")))))
          .append('\n');
    }
    return sb.toString();
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled. */
  private static String cell(String v) {
    if (v == null) {
      return "";
    }
    return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }
}
