package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.delivery.Subscription;
import org.csssim.internal.delivery.Subscriptions;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.party.ReceiverUrl;

/**
 * Webhook subscriptions: {@code GET|POST /webhooks}, {@code DELETE /webhooks/{id}} and
 * {@code GET /webhooks/changes} (who changed what, when, why).
 */
public final class WebhookRoutes implements Routes {
  private final Subscriptions subscriptions;
  private final Supplier<PartyRegistry> parties;
  private final Catalogue catalogue;
  private final Clock clock;
  private final String by;
  private final boolean refuseHttp;

  /** {@code by}: who changes them (the admin token's name); {@code refuseHttp}: plain http URLs are refused. */
  public WebhookRoutes(Subscriptions subscriptions, Supplier<PartyRegistry> parties, Catalogue catalogue, Clock clock,
                       String by, boolean refuseHttp) {
    this.subscriptions = subscriptions;
    this.parties = parties;
    this.catalogue = catalogue;
    this.clock = clock;
    this.by = by;
    this.refuseHttp = refuseHttp;
  }

  @Override
  public void mount(Router router) {
    String prefix = AdminApi.PREFIX;
    router.get(prefix + "/webhooks").handler(ctx -> {
      JsonArray out = new JsonArray();
      subscriptions.all().forEach(s -> out.add(json(s)));
      respond(ctx, 200, out.encode());
    });
    router.post(prefix + "/webhooks").handler(this::add);
    router.delete(prefix + "/webhooks/:id").handler(this::remove);
    router.get(prefix + "/webhooks/changes").handler(ctx -> {
      JsonArray out = new JsonArray();
      subscriptions.changes().forEach(c -> out.add(new JsonObject().put("at", c.at().toString())
          .put("action", c.action()).put("webhook", json(c.subscription())).put("by", c.by()).put("reason", c.reason())));
      respond(ctx, 200, out.encode());
    });
  }

  private void add(RoutingContext ctx) {
    JsonObject body = AdminJson.object(ctx);
    if (body == null) {
      return;
    }
    String mpid = AdminJson.text(body, "mpid");
    String url = AdminJson.text(body, "url");
    Party party = mpid == null ? null : parties.get().party(mpid).orElse(null);
    if (party == null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "mpid must name a party of this instance", "/mpid");
      return;
    }
    var problem = ReceiverUrl.problem(url, refuseHttp);
    if (problem.isPresent()) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, problem.get(), "/url");
      return;
    }
    Set<String> types = new LinkedHashSet<>();
    Object raw = body.getValue("eventTypes");
    if (raw != null) {
      if (!(raw instanceof JsonArray list) || !list.stream().allMatch(t -> t instanceof String)) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "eventTypes is a list of event types (or [\"*\"])", "/eventTypes");
        return;
      }
      for (Object t : list) {
        if (!"*".equals(t) && catalogue.type((String) t).isEmpty()) {
          AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "unknown event type " + t, "/eventTypes");
          return;
        }
        types.add((String) t);
      }
    }
    Subscription s = new Subscription(UUID.randomUUID().toString(), mpid, url, Set.copyOf(types),
        clock.instant(), "admin");
    subscriptions.add(s, by, body.getString("reason"));
    respond(ctx, 201, json(s).encode());
  }

  private void remove(RoutingContext ctx) {
    var removed = subscriptions.remove(ctx.pathParam("id"), clock.instant(), by,
        ctx.queryParams().get("reason"));
    if (removed.isEmpty()) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no webhook " + ctx.pathParam("id"), null);
    } else {
      ctx.response().setStatusCode(204).end();
    }
  }

  private static JsonObject json(Subscription s) {
    return new JsonObject().put("id", s.id()).put("mpid", s.mpid()).put("url", s.url())
        .put("eventTypes", new JsonArray(s.eventTypes().isEmpty() ? java.util.List.of("*") : java.util.List.copyOf(s.eventTypes())))
        .put("created", s.created().toString()).put("source", s.source());
  }

  private static void respond(RoutingContext ctx, int status, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }
}
