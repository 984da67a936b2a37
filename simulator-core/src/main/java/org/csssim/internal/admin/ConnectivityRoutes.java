package org.csssim.internal.admin;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.connectivity.ConnectivityPlan;
import org.csssim.internal.connectivity.ConnectivityReport;
import org.csssim.internal.connectivity.ConnectivityTest;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.yaml.Durations;

/**
 * {@code POST /connectivity-tests} starts a connectivity test from this instance (it answers
 * 202 with the run's id at once: a test takes seconds); {@code GET /connectivity-tests/{id}}
 * answers its state and, once done, its report (JSON; {@code ?format=junit} or {@code text});
 * {@code GET /connectivity-tests} lists the recent runs. Keys, certificates and trust come from
 * this instance's test PKI, as the {@code connectivity} command takes them from a data
 * directory; a run against this instance's own listener uses its own admin token.
 */
public final class ConnectivityRoutes implements Routes {
  private static final Set<String> FIELDS = Set.of("direction", "target", "as", "css", "dns", "timeout", "answerTimeout",
      "adminToken", "callbackHost", "cssKeys", "participantCertificate", "message", "expect");
  private static final int KEPT = 20;

  private final Vertx vertx;
  private final Catalogue catalogue;
  private final ConnectivityPlan.TestPkiFiles pki;
  private final AdminToken token;
  private final Clock clock;
  private final Map<String, Run> runs = new LinkedHashMap<>();
  private final Supplier<PartyRegistry> parties;

  /** {@code parties}: this instance's, whose receiver and first physical participant are the run's defaults. */
  public ConnectivityRoutes(Vertx vertx, Catalogue catalogue, Supplier<PartyRegistry> parties,
                            Path dataDir, AdminToken token, Clock clock) {
    this.parties = parties;
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.pki = new ConnectivityPlan.TestPkiFiles(dataDir.resolve("pki"));
    this.token = token;
    this.clock = clock;
  }

  private record Run(String id, Instant started, ConnectivityPlan plan, ConnectivityReport report, String error) {
    JsonObject json() {
      return json(true);
    }

    JsonObject json(boolean withReport) {
      JsonObject o = new JsonObject().put("id", id).put("started", started.toString())
          .put("direction", plan.direction().label()).put("target", plan.target().toString())
          .put("status", error != null ? "error" : report == null ? "running" : report.passed() ? "passed" : "failed");
      if (report != null && withReport) {
        o.put("report", new JsonObject(report.toJson()));
      }
      if (error != null) {
        o.put("error", error);
      }
      return o;
    }
  }

  @Override
  public void mount(Router router) {
    router.post(AdminApi.PREFIX + "/connectivity-tests").handler(this::start);
    router.get(AdminApi.PREFIX + "/connectivity-tests").handler(this::list);
    router.get(AdminApi.PREFIX + "/connectivity-tests/:id").handler(this::one);
  }

  private void start(RoutingContext ctx) {
    JsonObject body = AdminJson.object(ctx);
    if (body == null) {
      return;
    }
    for (String f : body.fieldNames()) {
      if (!FIELDS.contains(f)) {
        AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "unknown field " + f + "; the fields are " + FIELDS, "/" + f);
        return;
      }
    }
    ConnectivityPlan plan;
    try {
      plan = plan(body, ctx.request().localAddress().port());
    } catch (IllegalArgumentException | ClassCastException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, e.getMessage(), null);
      return;
    }
    String id = UUID.randomUUID().toString();
    Run run = new Run(id, clock.instant(), plan, null, null);
    keep(run);
    vertx.executeBlocking(() -> new ConnectivityTest(plan, catalogue, vertx, clock).run(), false)
        .onSuccess(report -> keep(new Run(id, run.started(), plan, report, null)))
        .onFailure(e -> keep(new Run(id, run.started(), plan, null, e.toString())));
    ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .putHeader("Location", AdminApi.PREFIX + "/connectivity-tests/" + id).end(run.json().encode());
  }

  private void list(RoutingContext ctx) {
    JsonArray out = new JsonArray();
    synchronized (runs) {
      List<Run> newestFirst = new ArrayList<>(runs.values());
      java.util.Collections.reverse(newestFirst);
      newestFirst.forEach(r -> out.add(r.json(false)));
    }
    ctx.response().putHeader("Content-Type", "application/json").end(out.encode());
  }

  private void one(RoutingContext ctx) {
    Run run;
    synchronized (runs) {
      run = runs.get(ctx.pathParam("id"));
    }
    if (run == null) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_NOT_FOUND, "no connectivity test " + ctx.pathParam("id"), null);
      return;
    }
    String format = ctx.queryParams().get("format");
    if (format != null && run.report() != null && (format.equals("junit") || format.equals("text"))) {
      ctx.response().putHeader("Content-Type", format.equals("junit") ? "application/xml" : "text/plain; charset=utf-8")
          .end(format.equals("junit") ? run.report().toJunitXml() : run.report().toText());
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(run.json().encode());
  }

  private void keep(Run run) {
    synchronized (runs) {
      runs.put(run.id(), run);
      while (runs.size() > KEPT) {
        runs.remove(runs.keySet().iterator().next());
      }
    }
  }

  /** {@code ownPort}: the port the request came in on, this instance's listener. */
  private ConnectivityPlan plan(JsonObject b, int ownPort) {
    ConnectivityPlan.Direction d = ConnectivityPlan.Direction.parse(b.getString("direction"));
    // the defaults are this instance's own parties: the one holding the catalogue's receiver
    // role, and the first physical party besides it (the user's system)
    var registry = parties.get();
    String css = b.getString("css", registry.receiverOf(catalogue.receiver()).map(Party::mpid).orElse(null));
    String as = b.getString("as", registry.parties().stream().filter(p -> p.physical() && !p.mpid().equals(css))
        .map(Party::mpid).findFirst().orElse(null));
    if (as == null || css == null) {
      throw new IllegalArgumentException("name the participant (as) and the " + catalogue.receiver() + " (css):"
          + " this instance has no " + (css == null ? "party holding the role " + catalogue.receiver() : "physical party"));
    }
    String signer = d.signer(as, css);
    URI uri = ConnectivityPlan.target(b.getString("target", "https://localhost:" + ownPort), "target");
    boolean ownListener = uri.getPort() == ownPort && Set.of("localhost", "127.0.0.1", "[::1]").contains(uri.getHost());
    String published = b.getString("participantCertificate", pki.published(as));
    return new ConnectivityPlan(d, uri, as, css, pki.certificate(signer), pki.key(signer), pki.trust(),
        ConnectivityPlan.resolver(b.getString("dns")), duration(b, "timeout", "5s"), duration(b, "answerTimeout", "30s"),
        b.getString("adminToken", ownListener ? token.value() : null), b.getString("callbackHost", "127.0.0.1"), 0,
        pki.tlsCertificate(), pki.tlsKey(), b.getString("cssKeys"),
        d == ConnectivityPlan.Direction.TO_PARTICIPANT ? published : null, b.getString("message"), b.getString("expect"));
  }


  private static Duration duration(JsonObject b, String field, String otherwise) {
    try {
      return Durations.parse(b.getString(field, otherwise));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage());
    }
  }
}
