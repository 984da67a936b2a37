package org.csssim.internal.admin;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.PublishedJournal;

/**
 * {@code GET /events}: the journal as it happens, as server-sent events, one JSON entry per
 * event (no bodies), until the client goes away. The dashboard's live journal reads it.
 */
public final class EventRoutes implements Routes {
  @Override
  public void mount(Router router) {
    router.get(AdminApi.PREFIX + "/events").handler(this::stream);
  }

  private void stream(RoutingContext ctx) {
    var response = ctx.response().setChunked(true)
        .putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-cache");
    response.write(": live journal\n\n");
    var consumer = ctx.vertx().eventBus().<JsonObject>consumer(PublishedJournal.ADDRESS,
        m -> response.write("data: " + m.body().encode() + "\n\n"));
    long keepAlive = ctx.vertx().setPeriodic(15_000, t -> response.write(": keep-alive\n\n"));
    response.closeHandler(v -> {
      consumer.unregister();
      ctx.vertx().cancelTimer(keepAlive);
    });
  }
}
