package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.JournalExport;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.journal.JournalStore;

/**
 * The journal: {@code GET /messages} with the contract's filters ({@code eventId},
 * {@code correlationId}, {@code mpxn}, {@code mpid}, {@code eventType}, {@code since},
 * {@code until}, {@code limit}; {@code order=newest} and the cursors {@code after}, {@code before}) and
 * {@code format=json|jsonl|csv}; {@code GET /messages/{eventId}}
 * is one message with everything that happened to it (its arrival, acknowledgement, every
 * delivery attempt).
 */
public final class JournalRoutes implements Routes {
  private static final int DEFAULT_LIMIT = 1000;
  private static final int MAX_LIMIT = 100_000;

  private final JournalStore journal;

  public JournalRoutes(JournalStore journal) {
    this.journal = journal;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.PREFIX + "/messages").handler(this::query);
    router.get(AdminApi.PREFIX + "/messages/:eventId").handler(this::one);
  }

  private void query(RoutingContext ctx) {
    var q = ctx.queryParams();
    Integer limit = AdminQuery.limit(ctx, DEFAULT_LIMIT, MAX_LIMIT);
    if (limit == null) {
      return;
    }
    JournalQuery query;
    try {
      String order = q.get("order") == null ? "oldest" : q.get("order");
      if (!order.equals("oldest") && !order.equals("newest")) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "order is oldest or newest", "/order");
        return;
      }
      query = new JournalQuery(q.get("eventId"), q.get("correlationId"), q.get("mpxn"), q.get("mpid"), q.get("eventType"),
          q.get("since") == null ? null : Instant.parse(q.get("since")), q.get("until") == null ? null : Instant.parse(q.get("until")),
          limit, seq(ctx, "after"), seq(ctx, "before"), order.equals("newest"));
    } catch (IllegalArgumentException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, e.getMessage(), null);
      return;
    } catch (DateTimeParseException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "since and until are ISO instants", null);
      return;
    }
    String format = q.get("format") == null ? "json" : q.get("format");
    journal.query(query).onSuccess(entries -> {
      switch (format) {
        case "jsonl" -> ctx.response().putHeader("Content-Type", "application/x-ndjson").end(JournalExport.jsonLines(entries));
        case "csv" -> ctx.response().putHeader("Content-Type", "text/csv").end(JournalExport.csv(entries));
        case "json" -> {
          JournalStore.Stats stats = journal.stats();
          JsonArray out = new JsonArray();
          entries.forEach(e -> out.add(JournalExport.json(e, false)));
          ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
              .put("count", out.size()).put("journal", new JsonObject().put("size", stats.size())
                  .put("capacity", stats.bound()).put("evicted", stats.evicted()))
              .put("messages", out).encode());
        }
        default -> AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "format is json, jsonl or csv", "/format");
      }
    }).onFailure(AdminErrors.failed(ctx));
  }

  /** A journal sequence number from the query (after, before), or null; not one: IllegalArgumentException. */
  private static Long seq(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is a journal sequence number (seq), not " + v);
    }
  }

  private void one(RoutingContext ctx) {
    journal.query(JournalQuery.byEventId(ctx.pathParam("eventId"))).onSuccess(entries -> {
      if (entries.isEmpty()) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no message " + ctx.pathParam("eventId") + " in the journal", null);
        return;
      }
      JsonArray history = new JsonArray();
      entries.forEach(e -> history.add(JournalExport.json(e, true)));
      ctx.response().putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("eventId", ctx.pathParam("eventId")).put("history", history).encode());
    }).onFailure(AdminErrors.failed(ctx));
  }
}
