package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;
import org.csssim.internal.delivery.Subscriptions;
import org.csssim.internal.delivery.WebhookDelivery;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.party.Connections;
import org.csssim.internal.party.FaultProfile;
import org.csssim.internal.party.Faults;
import org.csssim.internal.party.Mode;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.party.ReceiverUrl;

/**
 * {@code GET /parties} (each party, its roles, connection, faults and delivery health) and
 * {@code PUT /parties/{mpid}/connection} with
 * {@code {"mode":"physical","url":"...","lease":{"from","until","purpose"},"reason":"..."}} or
 * {@code {"mode":"simulated","reason":"..."}}.
 */
public final class PartyRoutes implements Routes {
  private final Supplier<PartyRegistry> parties;
  private final Connections connections;
  private final Faults faults;
  private final WebhookDelivery delivery;
  private final Subscriptions subscriptions;
  private final String by;
  private final boolean refuseHttp;

  /** {@code by}: who makes the changes (the admin token's name); {@code refuseHttp}: plain http URLs are refused. */
  public PartyRoutes(Supplier<PartyRegistry> parties, Connections connections, Faults faults, WebhookDelivery delivery,
                     Subscriptions subscriptions, String by, boolean refuseHttp) {
    this.parties = parties;
    this.connections = connections;
    this.faults = faults;
    this.delivery = delivery;
    this.subscriptions = subscriptions;
    this.by = by;
    this.refuseHttp = refuseHttp;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.PREFIX + "/parties").handler(this::list);
    router.put(AdminApi.PREFIX + "/parties/:mpid/connection").handler(this::change);
  }

  private void list(RoutingContext ctx) {
    delivery.backlog().onSuccess(backlog -> {
      JsonArray out = new JsonArray();
      for (Connections.Connection c : connections.all()) {
        Party p = parties.get().party(c.mpid()).orElseThrow();
        FaultProfile f = faults.of(c.mpid());
        JsonObject party = json(c).put("deliversTo", delivery.destinationOf(c.mpid()))
            .put("roles", new JsonArray(p.roles())).put("signing", p.signing().profile().name())
            .put("backlog", backlog.getOrDefault(c.mpid(), 0))
            .put("failedAttempts", delivery.failedAttempts(c.mpid()))
            .put("deadLetters", delivery.deadNow(c.mpid()))
            .put("webhooks", subscriptions.all().stream().filter(s -> s.mpid().equals(c.mpid())).count());
        if (f.any()) {
          party.put("faults", FaultRoutes.json(f));   // absent when none are injected
        }
        out.add(party);
      }
      ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
    }).onFailure(AdminErrors.failed(ctx));
  }

  private void change(RoutingContext ctx) {
    String mpid = ctx.pathParam("mpid");
    JsonObject body = partyAndBody(ctx, parties, mpid);
    if (body == null) {
      return;
    }
    Mode mode;
    try {
      mode = Mode.valueOf(String.valueOf(body.getValue("mode")));
    } catch (IllegalArgumentException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "mode is physical or simulated", "/mode");
      return;
    }
    Object url = body.getValue("url");
    if (url != null) {
      var problem = url instanceof String u ? ReceiverUrl.problem(u, refuseHttp) : java.util.Optional.of("url is a string");
      if (problem.isPresent()) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, problem.get(), "/url");
        return;
      }
    }
    Connections.Lease lease = null;
    if (body.getValue("lease") != null) {
      if (mode != Mode.physical || !(body.getValue("lease") instanceof JsonObject l)) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "a lease is an object, for a physical connection", "/lease");
        return;
      }
      try {
        Instant from = l.getString("from") == null ? null : Instant.parse(l.getString("from"));
        Instant until = Instant.parse(String.valueOf(l.getValue("until")));
        if (!until.isAfter(Instant.now()) || (from != null && !until.isAfter(from))) {
          AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "lease.until must be in the future and after lease.from",
              "/lease/until");
          return;
        }
        lease = new Connections.Lease(from, until, l.getString("purpose"));
      } catch (DateTimeParseException | ClassCastException e) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "lease.from and lease.until are ISO instants (wall-clock time)",
            "/lease");
        return;
      }
    }
    Connections.Connection now = connections.change(mpid, mode, body.getString("url"), lease, by,
        body.getString("reason"));
    // the swap is made (unless its lease starts later): the answer says where messages go from now
    ctx.response().putHeader("Content-Type", "application/json")
        .end(json(now).put("deliversTo", delivery.destinationOf(mpid)).encode());
  }

  /** The request's body when the party exists and the body is a JSON object; else null, answered. */
  static JsonObject partyAndBody(RoutingContext ctx, Supplier<PartyRegistry> parties, String mpid) {
    if (parties.get().party(mpid).isEmpty()) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no party " + mpid, null);
      return null;
    }
    return AdminJson.object(ctx);
  }

  private static JsonObject json(Connections.Connection c) {
    JsonObject o = new JsonObject().put("mpid", c.mpid()).put("mode", c.mode().name()).put("url", c.url())
        .put("since", c.since().toString()).put("by", c.by()).put("reason", c.reason());
    if (c.lease() != null) {
      o.put("lease", new JsonObject().put("from", c.lease().from() == null ? null : c.lease().from().toString())
          .put("until", c.lease().until().toString()).put("purpose", c.lease().purpose()));
    }
    return o;
  }
}
