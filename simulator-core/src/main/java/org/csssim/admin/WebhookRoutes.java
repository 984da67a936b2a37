package org.csssim.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.csssim.delivery.Subscription;
import org.csssim.error.ErrorCode;
import org.csssim.http.Services;
import org.csssim.journal.JournalEntry;
import org.csssim.journal.JournalQuery;
import org.csssim.message.Message;
import org.csssim.party.Party;
import org.csssim.routing.Routed;
import org.csssim.unit.Unit;

/**
 * Webhooks and what flows through them: {@code GET|POST /webhooks}, {@code DELETE /webhooks/{id}},
 * {@code GET /webhooks/changes} (who changed what, when, why), {@code GET /dead-letters} and
 * {@code POST /messages/{eventId}/resend}.
 */
final class WebhookRoutes {
  private final Services services;
  private final String by;

  WebhookRoutes(Services services) {
    this.services = services;
    this.by = "admin-token:" + services.adminToken().fingerprint();
  }

  void mount(Router router, String prefix) {
    router.get(prefix + "/webhooks").handler(ctx -> {
      JsonArray out = new JsonArray();
      services.subscriptions().all().forEach(s -> out.add(json(s)));
      respond(ctx, 200, out.encode());
    });
    router.post(prefix + "/webhooks").handler(this::add);
    router.delete(prefix + "/webhooks/:id").handler(this::remove);
    router.get(prefix + "/webhooks/changes").handler(ctx -> {
      JsonArray out = new JsonArray();
      services.subscriptions().changes().forEach(c -> out.add(new JsonObject().put("at", c.at().toString())
          .put("action", c.action()).put("webhook", json(c.subscription())).put("by", c.by()).put("reason", c.reason())));
      respond(ctx, 200, out.encode());
    });
    router.get(prefix + "/dead-letters").handler(ctx -> services.outbox().deadLetters(ctx.queryParams().get("mpid"))
        .onSuccess(list -> {
          JsonArray out = new JsonArray();
          list.forEach(m -> out.add(new JsonObject().put("eventId", m.eventId()).put("eventType", m.eventType())
              .put("to", m.recipientMpid()).put("mpxn", m.mpxn()).put("correlationId", m.correlationId())));
          respond(ctx, 200, out.encode());
        }));
    router.post(prefix + "/messages/:eventId/resend").handler(this::resend);
  }

  private void add(RoutingContext ctx) {
    JsonObject body = AdminJson.object(ctx);
    if (body == null) {
      return;
    }
    String mpid = AdminJson.text(body, "mpid");
    String url = AdminJson.text(body, "url");
    Party party = mpid == null ? null : services.parties().get().party(mpid).orElse(null);
    if (party == null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "mpid must name a party of this instance", "/mpid");
      return;
    }
    String problem = urlProblem(url);
    if (problem != null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, problem, "/url");
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
        if (!"*".equals(t) && services.catalogue().type((String) t).isEmpty()) {
          AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "unknown event type " + t, "/eventTypes");
          return;
        }
        types.add((String) t);
      }
    }
    Subscription s = new Subscription(UUID.randomUUID().toString(), mpid, url, Set.copyOf(types),
        services.clock().instant(), "admin");
    services.subscriptions().add(s, by, body.getString("reason"));
    respond(ctx, 201, json(s).encode());
  }

  private String urlProblem(String url) {
    try {
      URI u = URI.create(url == null ? "" : url);
      if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
        return "url must be an absolute https:// (or http://) URL";
      }
      if ("http".equals(u.getScheme()) && services.config().delivery().refuseHttp()) {
        return "this instance refuses plain http webhooks (delivery.refuseHttp); use https";
      }
      return null;
    } catch (IllegalArgumentException e) {
      return "url is not a URL: " + e.getMessage();
    }
  }

  private void remove(RoutingContext ctx) {
    var removed = services.subscriptions().remove(ctx.pathParam("id"), services.clock().instant(), by,
        ctx.queryParams().get("reason"));
    if (removed.isEmpty()) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no webhook " + ctx.pathParam("id"), null);
    } else {
      ctx.response().setStatusCode(204).end();
    }
  }

  /** Sends a journaled outbound message again, with the same eventId and body. */
  private void resend(RoutingContext ctx) {
    String eventId = ctx.pathParam("eventId");
    services.journal().query(JournalQuery.byEventId(eventId)).onSuccess(entries -> {
      JournalEntry sent = entries.stream().filter(e -> e.direction() == JournalEntry.Direction.OUT && e.body() != null)
          .findFirst().orElse(null);
      if (sent == null) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no message the simulator sent has eventId " + eventId
            + " in the journal", null);
        return;
      }
      if (sent.bodyTruncated()) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "the journal kept only part of this message's body", null);
        return;
      }
      Routed m = Routed.sent(Message.of(sent.body()), sent.recipientMpid(), sent.keys(), services.clock().instant());
      services.outbox().forgetDead(eventId).onSuccess(x -> {
        Unit unit = services.units().begin();
        services.router().send(m, unit);
        unit.commit();
        respond(ctx, 202, new JsonObject().put("eventId", eventId).put("to", m.recipientMpid()).put("status", "Resent").encode());
      });
    });
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
