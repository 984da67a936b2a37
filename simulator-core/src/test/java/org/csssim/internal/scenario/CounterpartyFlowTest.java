package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our simulated supplier against the participant under test (SUPA): the operator starts SUPB
 * gaining a meter point registered to SUPA; SUPA, losing it, gets every notification and may
 * ask for an annulment after confirmation. Also the operator's view of runs and test data.
 */
class CounterpartyFlowTest {
  static Harness h;
  static Flows f;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.start();
    f = new Flows(h);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private JsonObject startGaining(String mpxn, String fuel) throws Exception {
    Harness.Response r = h.admin(HttpMethod.POST, "/runs", new JsonObject().put("scenario", "gaining-supplier").put("as", "SUPB")
        .put("params", new JsonObject().put("mpxn", mpxn).put("fuelType", fuel).put("supplyStartDate", "2026-12-14")).encode());
    assertEquals(201, r.status(), r.body());
    return h.admin(HttpMethod.GET, "/runs/" + r.json().getString("id"), null).json();
  }

  @Test
  void ourSupplierGainsFromTheParticipantWhichThenAsksForAnAnnulment() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPA", "none", m -> true);
    JsonObject run = startGaining(mpxn, "E");
    String corr = run.getString("correlationId");
    assertEquals("waiting", run.getString("status"));

    assertEquals(List.of("RegistrationPendingNotification"), f.outboxTypes("SUPA", corr), "SUPA learns it is losing");
    JsonObject pending = f.last("SUPA", corr, "RegistrationPendingNotification");
    assertEquals("LosingSupplier", pending.getString("contextType"));
    String registrationId = pending.getJsonObject("data").getString("registrationId");

    f.advance("P3D");
    f.setClock("2026-12-14T00:30:00Z");
    assertEquals(List.of("RegistrationPendingNotification", "RegistrationSecuredActiveNotification", "GateClosureNotification",
        "RegistrationConfirmedNotification"), f.outboxTypes("SUPA", corr));
    JsonObject done = h.admin(HttpMethod.GET, "/runs/" + run.getString("id"), null).json();
    assertEquals("ended", done.getString("status"));
    assertEquals("Switched", done.getString("outcome"));
    assertEquals(registrationId, done.getJsonObject("vars").getString("registrationId"));
    assertTrue(done.getJsonArray("messages").size() >= 6, done.encode());
    // SUPA has no webhook here, so its notifications wait: the run's reconciliation says they are missing
    assertEquals(false, done.getJsonObject("reconciliation").getBoolean("ok"), "the run shows its reconciliation");
    assertTrue(done.getJsonObject("reconciliation").getJsonObject("summary").getInteger("missing") > 0);
    assertEquals(0, done.getJsonObject("reconciliation").getJsonObject("summary").getInteger("unexpected"));
    assertEquals("SUPB", f.supplierOf(mpxn));

    // the switch was erroneous: SUPA, the losing supplier, asks for it to be annulled
    Harness.Response annul = f.post("/css/v1/annulments", "AnnulmentRequest", "SUPA", corr,
        Map.of("registrationId", registrationId, "erroneousSwitchResolutionInd", true));
    assertEquals(202, annul.status(), annul.body());
    assertEquals("RegistrationAnnulledNotification", f.outboxTypes("SUPA", corr).get(4));
    assertTrue(f.sentTo(corr, "SUPB").contains("RegistrationAnnulledNotification"));
    assertEquals("SUPA", f.supplierOf(mpxn), "the meter point is back with SUPA");
  }

  @Test
  void theParticipantObjectsAsLosingSupplier() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPA", "none", m -> true);
    JsonObject run = startGaining(mpxn, "E");
    String corr = run.getString("correlationId");
    String registrationId = f.last("SUPA", corr, "RegistrationPendingNotification").getJsonObject("data").getString("registrationId");
    Harness.Response objection = f.post("/css/v1/objections", "ObjectionRequest", "SUPA", corr,
        Map.of("registrationId", registrationId, "reasonCode", "CUSTOMER_DEBT"));
    assertEquals(202, objection.status(), objection.body());
    assertEquals("RegistrationObjectedNotification", f.outboxTypes("SUPA", corr).get(1));
    f.advance("P3D");
    assertEquals("Objected", f.last("SUPA", corr, "RegistrationCancelledNotification").getJsonObject("data").getString("reasonCode"));
    JsonObject done = h.admin(HttpMethod.GET, "/runs/" + run.getString("id"), null).json();
    assertEquals("Cancelled", done.getString("outcome"));
  }

  @Test
  void theSimulatedDataServiceRaisesAnExceptionAndTheAgentsAcknowledge() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPB", "none", m -> "first".equals(m.attributes().get("syncException")));
    String corr = f.switchRequest(mpxn, "E", "2026-12-14").getString("correlationId");
    f.advance("P3D");
    List<String> erda = f.sent(corr).stream()
        .filter(e -> "ERDA".equals(e.recipientMpid()) || "ERDA".equals(e.senderMpid()))
        .map(e -> e.senderMpid() + ">" + e.eventType()).toList();
    assertEquals(List.of("CSS>RegistrationSecuredActiveSynchronisation", "ERDA>SynchronisationException",
        "CSS>RegistrationSecuredActiveSynchronisation"), erda, "the exception once, then the resend is taken");
    JsonObject acks = h.admin(HttpMethod.GET, "/instances?ended=true&scenario=acknowledge", null).json();
    Set<String> acknowledgedBy = new HashSet<>();
    acks.getJsonArray("instances").forEach(o -> {
      JsonObject v = (JsonObject) o;
      if ("Acknowledged".equals(v.getString("outcome"))) {
        acknowledgedBy.add(v.getString("as"));
      }
    });
    assertTrue(acknowledgedBy.containsAll(Set.of("MEMA", "DAA", "DCA", "EES", "ECOS")), acknowledgedBy.toString());
  }

  @Test
  void runsAreCheckedBeforeTheyStart() throws Exception {
    Harness.Response noScenario = h.admin(HttpMethod.POST, "/runs", "{\"scenario\":\"nope\",\"as\":\"SUPB\"}");
    assertEquals(400, noScenario.status());
    Harness.Response physical = h.admin(HttpMethod.POST, "/runs",
        "{\"scenario\":\"gaining-supplier\",\"as\":\"SUPA\",\"params\":{\"mpxn\":\"1\"}}");
    assertEquals(400, physical.status());
    assertTrue(physical.body().contains("not a simulated party"), physical.body());
    Harness.Response missing = h.admin(HttpMethod.POST, "/runs", "{\"scenario\":\"gaining-supplier\",\"as\":\"SUPB\"}");
    assertEquals(400, missing.status());
    assertTrue(missing.body().contains("mpxn is required"), missing.body());
    Harness.Response extra = h.admin(HttpMethod.POST, "/runs",
        "{\"scenario\":\"gaining-supplier\",\"as\":\"SUPB\",\"params\":{\"mpxn\":\"1\",\"colour\":\"red\"}}");
    assertEquals(400, extra.status());
    assertEquals(404, h.admin(HttpMethod.GET, "/runs/no-such-run", null).status());
  }

  @Test
  void theScenariosAndTheirParametersAreListed() throws Exception {
    JsonObject list = h.admin(HttpMethod.GET, "/scenarios", null).json();
    assertEquals("CSS reference scenario pack", list.getString("pack"));
    JsonObject gaining = list.getJsonArray("scenarios").stream().map(o -> (JsonObject) o)
        .filter(s -> s.getString("name").equals("gaining-supplier")).findFirst().orElseThrow();
    assertEquals("operator", gaining.getJsonObject("trigger").getString("start"));
    assertTrue(gaining.getJsonObject("params").getJsonObject("mpxn").getBoolean("required"));
    assertEquals("CSS reference scenario pack", h.send(HttpMethod.GET, "/version", Map.of(), null).json()
        .getJsonObject("scenarioPack").getString("name"));
  }

  @Test
  void testDataIsHandedOutOnceAndMatches() throws Exception {
    Harness.Response first = h.admin(HttpMethod.POST, "/test-data/allocations",
        "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":5,\"registeredTo\":\"SUPB\"}");
    assertEquals(201, first.status(), first.body());
    Harness.Response second = h.admin(HttpMethod.POST, "/test-data/allocations",
        "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":5,\"registeredTo\":\"SUPB\"}");
    Set<String> seen = new HashSet<>();
    for (Harness.Response r : List.of(first, second)) {
      JsonArray mpxns = r.json().getJsonArray("mpxns");
      assertEquals(5, mpxns.size());
      for (Object m : mpxns) {
        assertTrue(seen.add((String) m), "never handed out twice: " + m);
        var mp = h.sim.registrations().meterPoint((String) m).orElseThrow();
        assertEquals("E", mp.attributes().get("fuelType"));
        assertEquals("SUPB", mp.attributes().get("supplierMpid"));
        assertTrue(org.csssim.internal.registration.MeterNumbers.mpanCoreValid(m));
      }
    }
    JsonArray all = new JsonArray(h.admin(HttpMethod.GET, "/test-data/allocations", null).body());
    assertEquals(2, all.size());
    assertNotEquals(all.getJsonObject(0).getString("id"), all.getJsonObject(1).getString("id"));

    Harness.Response gas = h.admin(HttpMethod.POST, "/test-data/allocations", "{\"for\":\"SUPA\",\"fuelType\":\"G\",\"count\":2}");
    assertEquals(201, gas.status());
    gas.json().getJsonArray("mpxns").forEach(m -> assertTrue(org.csssim.internal.registration.MeterNumbers.mprnValid(m)));
    Harness.Response tooMany = h.admin(HttpMethod.POST, "/test-data/allocations",
        "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":1000,\"registeredTo\":\"SUPB\"}");
    assertEquals(409, tooMany.status());
    assertEquals("TEST_DATA_EXHAUSTED", tooMany.firstErrorCode());
    assertEquals(400, h.admin(HttpMethod.POST, "/test-data/allocations", "{\"fuelType\":\"E\",\"count\":1}").status());

    Harness.Response objecting = h.admin(HttpMethod.POST, "/test-data/allocations",
        "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":2,\"registeredTo\":\"SUPB\",\"having\":{\"objection\":\"objects\"}}");
    assertEquals(201, objecting.status(), objecting.body());
    for (Object m : objecting.json().getJsonArray("mpxns")) {
      assertEquals("objects", h.sim.registrations().meterPoint((String) m).orElseThrow().attributes().get("objection"),
          "having picks meter points by the pack's own attributes");
    }
    assertEquals(400, h.admin(HttpMethod.POST, "/test-data/allocations",
        "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":1,\"having\":\"objects\"}").status());
  }

  @Test
  void loadTestDataIsCreatedLikeTheSeedUnderFreshNumbers() throws Exception {
    try (Harness h = Harness.start()) {
      Set<String> seed = new HashSet<>();
      h.sim.registrations().meterPoints().forEach(m -> seed.add(m.mpxn()));
      Harness.Response made = h.admin(HttpMethod.POST, "/test-data/allocations",
          "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":5000,\"registeredTo\":\"SUPB\",\"create\":true}");
      assertEquals(201, made.status(), made.body());
      JsonArray mpxns = made.json().getJsonArray("mpxns");
      assertEquals(5000, new HashSet<>(mpxns.getList()).size());
      var store = h.sim.registrations();
      var like = store.meterPoints().stream().filter(m -> "SUPB".equals(m.attributes().get("supplierMpid"))
          && "E".equals(m.attributes().get("fuelType"))).map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
      for (Object m : mpxns) {
        assertTrue(org.csssim.internal.registration.MeterNumbers.mpanCoreValid(m), "check digit: " + m);
        var attrs = store.meterPoint((String) m).orElseThrow().attributes();
        assertEquals("SUPB", attrs.get("supplierMpid"));
        assertEquals("E", attrs.get("fuelType"));
      }
      // the seed's matching meter points are handed out first, and only the shortfall is made
      long seeded = mpxns.stream().filter(seed::contains).count();
      assertTrue(seeded > 0 && mpxns.getList().contains(like));
      assertEquals(seed.size() + 5000 - seeded, store.meterPoints().size());

      Harness.Response gas = h.admin(HttpMethod.POST, "/test-data/allocations",
          "{\"for\":\"SUPA\",\"fuelType\":\"G\",\"count\":300,\"unregistered\":true,\"create\":true}");
      assertEquals(201, gas.status(), gas.body());
      for (Object m : gas.json().getJsonArray("mpxns")) {
        assertTrue(org.csssim.internal.registration.MeterNumbers.mprnValid(m), "check digits: " + m);
        assertNull(store.meterPoint((String) m).orElseThrow().attributes().get("supplierMpid"));
      }
      assertEquals(400, h.admin(HttpMethod.POST, "/test-data/allocations",
          "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":2000,\"registeredTo\":\"SUPB\"}").status());
      assertEquals(400, h.admin(HttpMethod.POST, "/test-data/allocations",
          "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":2,\"registeredTo\":\"SUPB\",\"unregistered\":true}").status());
    }
  }

}
