package org.csssim.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.csssim.error.ErrorCode;
import org.csssim.http.Services;
import org.csssim.journal.JournalEntry;
import org.csssim.party.Connections;
import org.csssim.party.FaultProfile;
import org.csssim.party.Mode;
import org.csssim.party.Party;
import org.csssim.yaml.Durations;

/**
 * {@code GET /parties} (each party, its roles and connection) and
 * {@code PUT /parties/{mpid}/connection} with
 * {@code {"mode":"physical","url":"...","lease":{"from","until","purpose"},"reason":"..."}} or
 * {@code {"mode":"simulated","reason":"..."}}.
 */
final class PartyRoutes {
  private final Services services;
  private final String by;

  PartyRoutes(Services services) {
    this.services = services;
    this.by = "admin-token:" + services.adminToken().fingerprint();
  }

  void mount(Router router, String prefix) {
    router.get(prefix + "/parties").handler(this::list);
    router.put(prefix + "/parties/:mpid/connection").handler(this::change);
    router.put(prefix + "/parties/:mpid/faults").handler(this::faults);
  }

  /** {@code {"delay":"2s","dropRate":0.1,"duplicateRate":0,"reorder":false,"errorRate":0,"timeoutRate":0}}; {} clears them. */
  private void faults(RoutingContext ctx) {
    String mpid = ctx.pathParam("mpid");
    JsonObject body = partyAndBody(ctx, mpid);
    if (body == null) {
      return;
    }
    FaultProfile f;
    try {
      for (String k : body.fieldNames()) {
        if (!java.util.Set.of("delay", "dropRate", "duplicateRate", "reorder", "errorRate", "timeoutRate").contains(k)) {
          throw new org.csssim.yaml.InvalidValue(k, "unknown fault " + k);
        }
      }
      f = new FaultProfile(body.getString("delay") == null ? null : Durations.parse(body.getString("delay")),
          body.getDouble("dropRate"), body.getDouble("duplicateRate"), body.getBoolean("reorder"), body.getDouble("errorRate"),
          body.getDouble("timeoutRate"));
    } catch (org.csssim.yaml.InvalidValue e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, e.getMessage(), "/" + e.key());
      return;
    } catch (IllegalArgumentException | ClassCastException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "delay is a duration (250ms, 2s, PT2S), rates are numbers 0 to 1, "
          + "reorder is true or false", null);
      return;
    }
    services.faults().set(mpid, f);
    services.journal().append(JournalEntry.change(services.clock().instant(), "PUT", ctx.request().path(), "FaultsChanged",
        mpid, faultsJson(f).put("by", by).encode()));
    ctx.response().putHeader("Content-Type", "application/json").end(faultsJson(f).encode());
  }

  private static JsonObject faultsJson(FaultProfile f) {
    return new JsonObject().put("delay", f.delay().toString()).put("dropRate", f.dropRate())
        .put("duplicateRate", f.duplicateRate()).put("reorder", f.reorder()).put("errorRate", f.errorRate())
        .put("timeoutRate", f.timeoutRate());
  }

  private void list(RoutingContext ctx) {
    services.outbox().backlog().onSuccess(backlog -> {
      JsonArray out = new JsonArray();
      for (Connections.Connection c : services.connections().all()) {
        Party p = services.parties().get().party(c.mpid()).orElseThrow();
        FaultProfile f = services.faults().of(c.mpid());
        out.add(json(c).put("roles", new JsonArray(p.roles())).put("signing", p.signing().profile().name())
            .put("faults", f.any() ? faultsJson(f) : null)
            .put("backlog", backlog.getOrDefault(c.mpid(), 0))
            .put("failedAttempts", services.outbox().failedAttempts(c.mpid()))
            .put("deadLetters", services.outbox().deadNow(c.mpid()))
            .put("webhooks", services.subscriptions().all().stream().filter(s -> s.mpid().equals(c.mpid())).count()));
      }
      ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
    });
  }

  private void change(RoutingContext ctx) {
    String mpid = ctx.pathParam("mpid");
    JsonObject body = partyAndBody(ctx, mpid);
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
    Connections.Connection now = services.connections().change(mpid, mode, body.getString("url"), lease, by,
        body.getString("reason"));
    ctx.response().putHeader("Content-Type", "application/json").end(json(now).encode());
  }

  /** The request's body when the party exists and the body is a JSON object; else null, answered. */
  private JsonObject partyAndBody(RoutingContext ctx, String mpid) {
    if (services.parties().get().party(mpid).isEmpty()) {
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
