package org.csssim.internal.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.reconciliation.Reconciliation;
import org.csssim.internal.scenario.ScenarioEngine;

/**
 * {@code GET /reconciliation?correlationId=...} (one flow), {@code ?runId=...} (an operator
 * run's flow) or {@code ?since=...&until=...} (every flow in a time range); {@code format=junit}
 * answers JUnit XML for a CI pipeline instead of JSON.
 */
public final class ReconciliationRoutes implements Routes {
  private final JournalStore journal;
  private final ScenarioEngine engine;

  public ReconciliationRoutes(JournalStore journal, ScenarioEngine engine) {
    this.journal = journal;
    this.engine = engine;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.PREFIX + "/reconciliation").handler(this::reconcile);
  }

  private void reconcile(RoutingContext ctx) {
    var q = ctx.queryParams();
    if (q.get("runId") != null) {
      engine.instance(q.get("runId")).onSuccess(v -> {
        if (v.isEmpty()) {
          AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no run " + q.get("runId"), null);
        } else {
          answer(ctx, new JournalQuery(null, v.get().correlationId(), null, null, null, null, null, 100_000));
        }
      }).onFailure(AdminErrors.failed(ctx));
      return;
    }
    if (q.get("correlationId") == null && q.get("since") == null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "give correlationId, runId, or since (and until)", null);
      return;
    }
    try {
      answer(ctx, new JournalQuery(null, q.get("correlationId"), null, null, null,
          q.get("since") == null ? null : Instant.parse(q.get("since")),
          q.get("until") == null ? null : Instant.parse(q.get("until")), 100_000));
    } catch (DateTimeParseException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "since and until are ISO instants", null);
    }
  }

  private void answer(RoutingContext ctx, JournalQuery query) {
    journal.query(query).onSuccess(entries -> {
      var flows = Reconciliation.of(entries);
      if ("junit".equals(ctx.queryParams().get("format"))) {
        ctx.response().putHeader("Content-Type", "application/xml").end(Reconciliation.junit(flows));
      } else {
        ctx.response().putHeader("Content-Type", "application/json").end(Reconciliation.json(flows).encode());
      }
    }).onFailure(AdminErrors.failed(ctx));
  }
}
