package org.csssim.internal.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.http.Routes;
import org.csssim.internal.metrics.LiveStats;

/**
 * {@code GET /stats}: a sample a second of the last 15 minutes (messages in and out, rejections
 * by code, delivery latency, backlog and dead letters per party); {@code GET /stats/stream}: the
 * same as server-sent events, the history first, then each new sample. The dashboard's charts.
 */
public final class StatsRoutes implements Routes {
  private final LiveStats stats;

  public StatsRoutes(LiveStats stats) {
    this.stats = stats;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.PREFIX + "/stats").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end(stats.history().encode()));
    router.get(AdminApi.PREFIX + "/stats/stream").handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    var response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    response.write("event: history\ndata: " + stats.history().encode() + "\n\n");
    var context = ctx.vertx().getOrCreateContext();
    Runnable stop = stats.listen(s -> context.runOnContext(v -> {
      if (!response.ended() && !response.closed()) {
        response.write("data: " + s.encode() + "\n\n");
      }
    }));
    response.closeHandler(v -> stop.run());
  }
}
