package org.csssim.internal.scenario;

import static org.csssim.testing.Harness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.csssim.internal.config.PartyConfig;
import org.csssim.internal.party.Mode;
import org.csssim.testing.Harness;
import org.csssim.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SIT mode: instance B plays every party but CSS, which is physical, at a URL. Here that CSS is
 * instance A (PIT mode, CSS simulated, every other party physical with its webhook at B). B
 * sends its simulated parties' signed requests to A's CSS API; A's CSS sends its signed
 * webhooks to B. A full switch and an objection run across the two; both journals reconcile.
 */
class SitModeTest {
  static final List<String> OTHERS = List.of("SUPA", "SUPB", "SUPC", "GRDA", "ERDA", "DCC", "EES", "GES", "ECOS", "SHIPA",
      "MEMA", "MAPA", "DAA", "DCA");
  static Harness css;   // A
  static Harness sit;   // B

  @BeforeAll
  static void start() throws Exception {
    Path aDir = Files.createTempDirectory("css-a");
    css = Harness.start(aDir, c -> c.withParties(c.parties().stream()
        .map(p -> p.mpid().equals("CSS") ? p : p.withMode(Mode.physical)).toList()));
    // one test PKI for both, as a SIT environment shares its trust and keys
    Path bDir = Files.createTempDirectory("css-b");
    TestFiles.copyTree(aDir.resolve("pki"), bDir.resolve("pki"));
    String cssUrl = css.baseUrl();
    sit = Harness.start(bDir, c -> c.withParties(c.parties().stream()
        .map(p -> p.mpid().equals("CSS")
            ? new PartyConfig(p.mpid(), p.roles(), Mode.physical, cssUrl, p.signing(), p.keys(), p.signingKey(), p.rotation(),
                p.webhooks(), p.faults())
            : p.withMode(Mode.simulated)).toList()));
    for (String mpid : OTHERS) {
      Harness.Response r = css.admin(HttpMethod.POST, "/webhooks", new JsonObject().put("mpid", mpid)
          .put("url", sit.baseUrl() + "/webhooks/" + mpid).encode());
      assertEquals(201, r.status(), r.body());
    }
    for (Harness h : List.of(css, sit)) {
      h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    sit.close();
    css.close();
  }

  private static String mpxn(String losing, String objection) {
    return sit.sim.registrations().meterPoints().stream()
        .filter(m -> losing.equals(m.attributes().get("supplierMpid")) && objection.equals(m.attributes().get("objection"))
            && "E".equals(m.attributes().get("fuelType")))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
  }

  private static JsonObject run(String id) throws Exception {
    return sit.admin(HttpMethod.GET, "/runs/" + id, null).json();
  }

  private static boolean outcome(String runId, String expected) {
    try {
      return expected.equals(run(runId).getString("outcome"));
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean reconciles(Harness h, String query) {
    try {
      return h.admin(HttpMethod.GET, "/reconciliation?" + query, null).json().getBoolean("ok");
    } catch (Exception e) {
      return false;
    }
  }

  private static String startGaining(String as, String mpxn) throws Exception {
    Harness.Response r = sit.admin(HttpMethod.POST, "/runs", new JsonObject().put("scenario", "gaining-supplier")
        .put("as", as).put("params", new JsonObject().put("mpxn", mpxn).put("supplyStartDate", "2026-12-14")).encode());
    assertEquals(201, r.status(), r.body());
    return r.json().getString("id");
  }

  @Test
  void aFullSwitchAcrossASimulatedSupplierAndAPhysicalCss() throws Exception {
    String mpxn = mpxn("SUPC", "none");
    String runId = startGaining("SUPB", mpxn);
    String corr = run(runId).getString("correlationId");
    // A's CSS took B's SUPB SwitchRequest and registered the switch as pending
    eventually(() -> css.sim.registrations().registrationsOf(mpxn).size() == 1, "A registered it");
    css.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P3D\"}");
    css.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-14T00:30:00Z\"}");
    eventually(() -> outcome(runId, "Switched"), "B's supplier sees its switch confirmed");
    eventually(() -> reconciles(css, "correlationId=" + corr), "A's journal reconciles");
    eventually(() -> reconciles(sit, "runId=" + runId), "B's journal reconciles");
    JsonObject a = css.admin(HttpMethod.GET, "/reconciliation?correlationId=" + corr, null).json();
    assertTrue(a.getJsonArray("flows").getJsonObject(0).getJsonArray("messages").stream()
        .anyMatch(o -> "SwitchRequest".equals(((JsonObject) o).getString("eventType"))
            && "accepted".equals(((JsonObject) o).getString("status"))), "A accepted B's signed SwitchRequest");
    assertTrue(sit.admin(HttpMethod.GET, "/messages?correlationId=" + corr + "&eventType=RegistrationSecuredActiveSynchronisation",
        null).json().getInteger("count") >= 1, "B's ERDA took its synchronisation");
  }

  @Test
  void anObjectionRaisedByTheSimulatedLosingSupplierStands() throws Exception {
    css.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
    sit.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
    String mpxn = mpxn("SUPB", "objects");   // the seed's objecting meter points are SUPB's
    String runId = startGaining("SUPC", mpxn);
    String corr = run(runId).getString("correlationId");
    eventually(() -> css.sim.registrations().registrationsOf(mpxn).size() == 1, "pending at A");
    eventually(() -> {
      try {
        return sit.admin(HttpMethod.GET, "/instances?scenario=losing-supplier", null).json().getJsonArray("instances")
            .stream().anyMatch(o -> corr.equals(((JsonObject) o).getString("correlationId")));
      } catch (Exception e) {
        return false;
      }
    }, "B's losing supplier waits to object");
    sit.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT3H\"}");   // B's SUPB objects, to A's CSS
    eventually(() -> "Objected".equals(css.sim.registrations().registrationsOf(mpxn).get(0)
        .attributes().get("status")), "A's CSS recorded the objection");
    css.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P3D\"}");
    eventually(() -> outcome(runId, "Cancelled"), "B's gaining supplier sees it cancelled");
    eventually(() -> reconciles(css, "correlationId=" + corr), "A's journal reconciles");
    eventually(() -> reconciles(sit, "runId=" + runId), "B's journal reconciles");
  }
}
