package org.csssim.internal.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /health} and {@code GET /version}, without authentication. Health is DEGRADED when
 * any check is: the bounded in-memory stores have started to forget (history or duplicate
 * detection is then incomplete), or writes to the store have failed, which an operator needs
 * to know.
 */
public final class OpsRoutes implements Routes {
  private final List<HealthCheck> checks;
  private final Supplier<JsonObject> version;

  public OpsRoutes(List<HealthCheck> checks, Supplier<JsonObject> version) {
    this.checks = List.copyOf(checks);
    this.version = version;
  }

  @Override
  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/version").handler(ctx -> json(ctx, version.get()));
  }

  private void health(RoutingContext ctx) {
    JsonObject all = new JsonObject();
    boolean degraded = false;
    for (HealthCheck c : checks) {
      JsonObject result = c.check().get();
      all.put(c.name(), result);
      degraded |= "DEGRADED".equals(result.getString("status"));
    }
    json(ctx, new JsonObject().put("status", degraded ? "DEGRADED" : "UP").put("checks", all));
  }

  static void json(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }
}
