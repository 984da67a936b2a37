package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.csssim.internal.delivery.WebhookDelivery;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.scenario.Scenario;
import org.csssim.internal.scenario.ScenarioEngine;
import org.csssim.internal.scenario.ScenarioPack;
import org.csssim.internal.yaml.ConfigException;

/**
 * The scenario engine seen by the operator: {@code GET /scenarios}, {@code POST /scenarios/reload},
 * {@code POST /runs} (start a scenario as a simulated party), {@code GET /runs/{id}},
 * {@code GET /instances} (live ones; {@code ?ended=true} adds recently ended ones,
 * {@code ?scenario=} filters) and {@code GET /outbox/{mpid}} (messages waiting for
 * a physical party).
 */
public final class ScenarioRoutes implements Routes {
  private final ScenarioEngine engine;
  private final JournalStore journal;
  private final WebhookDelivery delivery;

  public ScenarioRoutes(ScenarioEngine engine, JournalStore journal, WebhookDelivery delivery) {
    this.engine = engine;
    this.journal = journal;
    this.delivery = delivery;
  }

  @Override
  public void mount(Router router) {
    String prefix = AdminApi.PREFIX;
    router.get(prefix + "/scenarios").handler(this::list);
    router.post(prefix + "/scenarios/reload").handler(this::reload);
    router.post(prefix + "/runs").handler(this::startRun);
    router.get(prefix + "/runs/:id").handler(this::run);
    router.get(prefix + "/instances").handler(this::instances);
    router.get(prefix + "/outbox/:mpid").handler(this::outbox);
  }

  private void list(RoutingContext ctx) {
    ScenarioPack pack = engine.pack();
    JsonArray out = new JsonArray();
    for (Scenario s : pack.scenarios()) {
      JsonObject params = new JsonObject();
      s.params().forEach((k, p) -> params.put(k, new JsonObject().put("description", p.description())
          .put("required", p.required()).put("default", p.defaultValue())));
      out.add(new JsonObject().put("name", s.name()).put("description", s.description())
          .put("actsAs", new JsonArray(s.actsAs()))
          .put("trigger", s.trigger().operator() ? new JsonObject().put("start", "operator")
              : new JsonObject().put("messages", new JsonArray(s.trigger().messages())))
          .put("params", params));
    }
    json(ctx, 200, new JsonObject().put("pack", pack.name()).put("version", pack.version()).put("scenarios", out));
  }

  /** Loads the pack again; a bad one is refused with its file:line and the last good one keeps running. */
  private void reload(RoutingContext ctx) {
    engine.reload(ctx.vertx())
        .onSuccess(pack -> {
          json(ctx, 200, new JsonObject().put("pack", pack.name()).put("version", pack.version())
              .put("scenarios", pack.scenarios().size()));
        })
        .onFailure(e -> AdminErrors.fail(ctx, ErrorCode.SCENARIO_PACK_INVALID,
            (e instanceof ConfigException ? "" : e.getClass().getSimpleName() + ": ") + e.getMessage()
                + "; the previous pack keeps running", null));
  }

  private void startRun(RoutingContext ctx) {
    JsonObject body = AdminJson.object(ctx);
    if (body == null) {
      return;
    }
    if (!(body.getValue("scenario") instanceof String scenario) || !(body.getValue("as") instanceof String as)) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "scenario and as (the simulated party's mpid) are required",
          body.getValue("scenario") instanceof String ? "/as" : "/scenario");
      return;
    }
    Object params = body.getValue("params");
    if (params != null && !(params instanceof JsonObject)) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "params must be an object", "/params");
      return;
    }
    Map<String, Object> values = params == null ? Map.of() : ((JsonObject) params).getMap();
    engine.startRun(scenario, as, values).onSuccess(started -> {
      if (started.error() != null) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, started.error(), null);
      } else {
        engine.instance(started.id()).onSuccess(v -> json(ctx, 201, new JsonObject().put("id", started.id())
            .put("status", v.map(ScenarioEngine.View::status).orElse("ended")))).onFailure(AdminErrors.failed(ctx));
      }
    }).onFailure(e -> AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, e.getMessage(), null));
  }

  private void run(RoutingContext ctx) {
    engine.instance(ctx.pathParam("id")).onSuccess(v -> {
      if (v.isEmpty()) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no run or instance " + ctx.pathParam("id"), null);
        return;
      }
      JsonObject view = v.get().toJson();
      journal.query(new JournalQuery(null, v.get().correlationId(), null, null, null, null, null, 1000))
          .onSuccess(entries -> {
            JsonArray messages = new JsonArray();
            entries.forEach(e -> messages.add(new JsonObject().put("at", e.at().toString())
                .put("direction", e.direction().name()).put("eventType", e.eventType()).put("eventId", e.eventId())
                .put("from", e.senderMpid()).put("to", e.recipientMpid()).put("outcome", e.outcome().name())));
            json(ctx, 200, view.put("messages", messages)
                .put("reconciliation", org.csssim.internal.reconciliation.Reconciliation.json(
                    org.csssim.internal.reconciliation.Reconciliation.of(entries))));
          }).onFailure(AdminErrors.failed(ctx));
    }).onFailure(AdminErrors.failed(ctx));
  }

  private void instances(RoutingContext ctx) {
    boolean ended = "true".equals(ctx.queryParams().get("ended"));
    String scenario = ctx.queryParams().get("scenario");
    engine.instances(1000, ended).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.stream().filter(v -> scenario == null || scenario.equals(v.scenario())).forEach(v -> out.add(v.toJson()));
      json(ctx, 200, new JsonObject().put("instances", out));
    }).onFailure(AdminErrors.failed(ctx));
  }

  private void outbox(RoutingContext ctx) {
    String mpid = ctx.pathParam("mpid");
    Integer limit = AdminQuery.limit(ctx, Integer.MAX_VALUE, Integer.MAX_VALUE);
    if (limit == null) {
      return;
    }
    delivery.pending(mpid, limit).onSuccess(waiting -> {
      JsonArray out = new JsonArray();
      waiting.first().forEach(m -> out.add(new JsonObject(new String(m.body(), StandardCharsets.UTF_8))));
      json(ctx, 200, new JsonObject().put("mpid", mpid).put("pending", waiting.count()).put("messages", out));
    }).onFailure(AdminErrors.failed(ctx));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
