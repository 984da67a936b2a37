package org.csssim.internal.party;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Swapping parties between simulated and physical at run time: leases, the in-flight rule, the record. */
class ConnectionTest {
  Harness h;

  @BeforeEach
  void start() throws Exception {
    h = Harness.start();
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
  }

  @AfterEach
  void stop() throws Exception {
    h.close();
  }

  private JsonObject party(String mpid) throws Exception {
    return new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body()).stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("mpid").equals(mpid)).findFirst().orElseThrow();
  }

  private int supbSends() throws Exception {
    return h.postSigned("/css/v1/switch-requests", Harness.switchRequest("SUPB")).status();
  }

  @Test
  void partiesAreListedWithTheirConnections() throws Exception {
    JsonObject supa = party("SUPA");
    assertEquals("physical", supa.getString("mode"));
    assertEquals(List.of("Supplier"), supa.getJsonArray("roles").getList());
    assertEquals("simulated", party("CSS").getString("mode"));
    assertEquals(15, new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body()).size());
  }

  @Test
  void aLeasedPhysicalConnectionRevertsToSimulatedByItself() throws Exception {
    assertEquals(403, supbSends(), "simulated: its signed messages are refused");
    String until = Instant.now().plusSeconds(2).toString();
    Harness.Response r = h.admin(HttpMethod.PUT, "/parties/SUPB/connection", "{\"mode\":\"physical\",\"url\":\"https://supb.test\","
        + "\"lease\":{\"until\":\"" + until + "\",\"purpose\":\"UIT cycle 3\"},\"reason\":\"their system joins\"}");
    assertEquals(200, r.status(), r.body());
    assertEquals("physical", party("SUPB").getString("mode"));
    assertEquals("UIT cycle 3", party("SUPB").getJsonObject("lease").getString("purpose"));
    assertEquals(202, supbSends(), "physical: it may send");

    long end = System.currentTimeMillis() + 15_000;
    while (!"simulated".equals(party("SUPB").getString("mode")) && System.currentTimeMillis() < end) {
      Thread.sleep(50);
    }
    assertEquals("simulated", party("SUPB").getString("mode"), "the lease ended");
    assertEquals("lease", party("SUPB").getString("by"));
    assertEquals(403, supbSends());

    List<JournalEntry> swaps = Harness.await(h.sim.journal().query(
        new JournalQuery(null, null, null, "SUPB", "ConnectionChanged", null, null, 10)));
    assertEquals(2, swaps.size());
    assertTrue(swaps.get(0).body().contains("their system joins") && swaps.get(0).body().contains("admin-token:"),
        swaps.get(0).body());
    assertTrue(swaps.get(1).body().contains("lease ended: UIT cycle 3"), swaps.get(1).body());
  }

  @Test
  void aSwapInTheMiddleOfAFlowEndsThePartysScriptAndRoutesWhatFollowsToItsSystem() throws Exception {
    String mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "objects".equals(m.attributes().get("objection"))
            && "E".equals(m.attributes().get("fuelType")))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", mpxn);
    String corr = h.postSigned("/css/v1/switch-requests", m).json().getString("correlationId");
    h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT0S\"}");   // settles: SUPB's script has its Pending
    // SUPB's script got Pending and waits 2 hours to object; its real system takes over now
    assertEquals(200, h.admin(HttpMethod.PUT, "/parties/SUPB/connection",
        "{\"mode\":\"physical\",\"reason\":\"hand over\"}").status());
    h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P3D\"}");

    List<JournalEntry> flow = Harness.await(h.sim.journal().query(
        new JournalQuery(null, corr, null, null, null, null, null, 1000)));
    assertTrue(flow.stream().noneMatch(e -> "ObjectionRequest".equals(e.eventType())), "the script did not object");
    assertTrue(flow.stream().anyMatch(e -> "SUPB".equals(e.recipientMpid())
        && "RegistrationSecuredActiveNotification".equals(e.eventType()) && e.outcome() == JournalEntry.Outcome.QUEUED),
        "what CSS sends after the swap goes to SUPB's system");
    List<Object> outbox = h.admin(HttpMethod.GET, "/outbox/SUPB", null).json().getJsonArray("messages").getList();
    assertTrue(outbox.stream().anyMatch(o -> o.toString().contains("RegistrationSecuredActiveNotification")), outbox.toString());
    JsonObject ended = h.admin(HttpMethod.GET, "/instances?ended=true&scenario=losing-supplier", null).json()
        .getJsonArray("instances").getJsonObject(0);
    assertEquals("SwappedToPhysical", ended.getString("outcome"));
  }

  @Test
  void aMessageOnItsWayToAPartysScriptsWhenItTurnsPhysicalGoesToItsSystem() throws Exception {
    String mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "none".equals(m.attributes().get("objection"))
            && "G".equals(m.attributes().get("fuelType")))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", mpxn).put("fuelType", "G");
    String corr = h.postSigned("/css/v1/switch-requests", m).json().getString("correlationId");
    h.admin(HttpMethod.PUT, "/parties/SUPB/connection", "{\"mode\":\"physical\",\"reason\":\"at once\"}");
    h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT0S\"}");
    boolean scriptHadIt = h.admin(HttpMethod.GET, "/instances?ended=true&scenario=losing-supplier", null).json()
        .getJsonArray("instances").stream().anyMatch(o -> corr.equals(((JsonObject) o).getString("correlationId")));
    boolean systemHasIt = h.admin(HttpMethod.GET, "/outbox/SUPB", null).json().getJsonArray("messages").stream()
        .anyMatch(o -> corr.equals(((JsonObject) o).getString("correlationId")));
    assertTrue(scriptHadIt ^ systemHasIt, "SUPB's Pending reached its script or its system, exactly one: script "
        + scriptHadIt + ", system " + systemHasIt);
  }

  private String switchFrom(String supplier, String objection) throws Exception {
    String mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> supplier.equals(m.attributes().get("supplierMpid")) && objection.equals(m.attributes().get("objection"))
            && "E".equals(m.attributes().get("fuelType")) && !m.attributes().containsKey("syncException"))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", mpxn);
    return h.postSigned("/css/v1/switch-requests", m).json().getString("correlationId");
  }

  @Test
  void aPhysicalPartyWithNoWebhookGetsItsMessagesAtItsConnectionsUrl() throws Exception {
    try (WebhookReceiver system = new WebhookReceiver(h)) {
      Harness.Response swapped = h.admin(HttpMethod.PUT, "/parties/SUPB/connection",
          "{\"mode\":\"physical\",\"url\":\"" + system.url() + "\",\"reason\":\"their test system\"}");
      assertEquals(200, swapped.status(), swapped.body());
      assertEquals(system.url(), swapped.json().getString("deliversTo"), "the answer says where its messages go");
      assertEquals(system.url(), party("SUPB").getString("deliversTo"));
      String corr = switchFrom("SUPB", "none");
      Harness.eventually(() -> system.types(corr).contains("RegistrationPendingNotification"),
          "the losing supplier's Pending reaches its system at the connection's URL");
      assertEquals(List.of(), system.badSignatures, "signed by CSS, checked against its published keys");
    }
  }

  @Test
  void whatWaitsForAPartyGoesOutOnceItsConnectionHasAUrl() throws Exception {
    assertEquals("nowhere yet: its messages wait in its outbox until a webhook is registered or a url set",
        party("SUPA").getString("deliversTo"));
    String corr = switchFrom("SUPB", "none");
    Harness.eventually(() -> {
      try {
        return h.admin(HttpMethod.GET, "/outbox/SUPA", null).json().getInteger("pending") >= 2;
      } catch (Exception e) {
        return false;
      }
    }, "SUPA's notifications wait");
    try (WebhookReceiver system = new WebhookReceiver(h)) {
      h.admin(HttpMethod.PUT, "/parties/SUPA/connection", "{\"mode\":\"physical\",\"url\":\"" + system.url() + "\"}");
      Harness.eventually(() -> system.types(corr).containsAll(List.of("RegistrationValidationNotification",
          "RegistrationPendingNotification")), "what waited is delivered at once, in order");
      assertEquals(List.of("RegistrationValidationNotification", "RegistrationPendingNotification"), system.types(corr));
    }
  }

  @Test
  void aWebhookForTheTypeTakesPrecedenceOverTheConnectionsUrl() throws Exception {
    try (WebhookReceiver hook = new WebhookReceiver(h); WebhookReceiver system = new WebhookReceiver(h)) {
      h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"" + hook.url()
          + "\",\"eventTypes\":[\"RegistrationPendingNotification\"]}");
      h.admin(HttpMethod.PUT, "/parties/SUPA/connection", "{\"mode\":\"physical\",\"url\":\"" + system.url() + "\"}");
      assertEquals("its webhooks for the types they take, else " + system.url(), party("SUPA").getString("deliversTo"));
      String corr = switchFrom("SUPB", "none");
      Harness.eventually(() -> hook.types(corr).contains("RegistrationPendingNotification")
          && system.types(corr).contains("RegistrationValidationNotification"), "each type where it belongs");
      assertTrue(!system.types(corr).contains("RegistrationPendingNotification"), "the webhook took Pending");
    }
  }

  @Test
  void badConnectionRequestsAreRefused() throws Exception {
    assertEquals(404, h.admin(HttpMethod.PUT, "/parties/NOPE/connection", "{\"mode\":\"physical\"}").status());
    assertEquals(400, h.admin(HttpMethod.PUT, "/parties/SUPB/connection", "{\"mode\":\"both\"}").status());
    assertEquals(400, h.admin(HttpMethod.PUT, "/parties/SUPB/connection",
        "{\"mode\":\"physical\",\"lease\":{\"until\":\"2001-01-01T00:00:00Z\"}}").status());
    assertEquals(400, h.admin(HttpMethod.PUT, "/parties/SUPB/connection",
        "{\"mode\":\"simulated\",\"lease\":{\"until\":\"2099-01-01T00:00:00Z\"}}").status());
    assertEquals("simulated", party("SUPB").getString("mode"), "nothing changed");
  }
}
