package org.csssim.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.csssim.journal.JournalStore;
import org.csssim.store.Store;
import org.csssim.wire.IdempotencyStore;

/**
 * {@code GET /health} and {@code GET /version}, without authentication. Health is DEGRADED when
 * the bounded in-memory stores have started to forget: history or duplicate detection is then
 * incomplete, which an operator needs to know.
 */
final class OpsRoutes {
  private final Services services;

  OpsRoutes(Services services) {
    this.services = services;
  }

  void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/version").handler(this::version);
  }

  private void health(RoutingContext ctx) {
    JournalStore.Stats j = services.journal().stats();
    IdempotencyStore.Stats i = services.idempotency().stats();
    boolean journalFull = j.evicted() > 0;
    boolean idsForgotten = i.forgotten() > 0;
    JsonObject checks = new JsonObject()
        .put("listener", new JsonObject().put("status", "UP"))
        .put("catalogue", new JsonObject().put("status", "UP").put("name", services.catalogue().name())
            .put("release", services.catalogue().release()).put("types", services.catalogue().types().size()))
        .put("scenarios", new JsonObject().put("status", "UP").put("pack", services.engine().pack().name())
            .put("version", services.engine().pack().version()).put("unhandledMessages", services.engine().unhandled()))
        .put("journal", check(journalFull, "the journal is full; the oldest entries are being evicted")
            .put("size", j.size()).put("capacity", j.bound()).put("evicted", j.evicted()))
        .put("idempotency", check(idsForgotten, "the oldest eventIds are forgotten; a resend of one would be processed again")
            .put("size", i.size()).put("capacity", i.capacity()).put("forgotten", i.forgotten()))
        .put("store", store());
    boolean storeFailing = services.store().status().failing();
    String status = journalFull || idsForgotten || storeFailing ? "DEGRADED" : "UP";
    json(ctx, new JsonObject().put("status", status).put("checks", checks));
  }

  /** Which store, and how its writes stand: a failed write means something is not durable. */
  private JsonObject store() {
    Store.Status st = services.store().status();
    JsonObject c = new JsonObject().put("status", st.failing() ? "DEGRADED" : "UP").put("kind", st.kind())
        .put("where", st.where());
    if (st.committed() != null) {
      c.put("committed", st.committed()).put("commits", st.commits()).put("failedWrites", st.failedWrites())
          .put("exportedByRetention", st.exportedByRetention());
    }
    if (st.failing()) {
      c.put("detail", "writes to the store failed; see the log");
    }
    return c;
  }

  private static JsonObject check(boolean degraded, String why) {
    JsonObject c = new JsonObject().put("status", degraded ? "DEGRADED" : "UP");
    return degraded ? c.put("detail", why) : c;
  }

  private void version(RoutingContext ctx) {
    json(ctx, new JsonObject()
        .put("simulator", services.version())
        .put("catalogue", new JsonObject().put("name", services.catalogue().name()).put("release", services.catalogue().release()))
        .put("scenarioPack", new JsonObject().put("name", services.engine().pack().name())
            .put("version", services.engine().pack().version()))
        .put("environment", services.config().instance().environment())
        .put("instance", services.config().instance().name()));
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
