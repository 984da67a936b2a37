package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference pack's switch flows end to end: SUPA (the user's physical system) sends signed
 * requests over HTTPS; CSS and every other party are the pack's scripts; the clock is moved
 * through the admin API. SUPA's messages wait in its outbox (no webhook yet), read through the
 * admin API; the simulated parties' messages are read from the journal.
 */
class SwitchFlowTest {
  static Harness h;
  static Flows f;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.start(Harness.physical("GRDA", "ERDA"));
    f = new Flows(h);
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void happySwitchOfElectricityFromPendingToConfirmed() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPB", "none", m -> Boolean.TRUE.equals(m.attributes().get("smart")));
    JsonObject ack = f.switchRequest(mpxn, "E", "2026-12-14");
    String corr = ack.getString("correlationId");
    String registrationId = ack.getString("registrationId");

    assertEquals(List.of("RegistrationValidationNotification", "RegistrationPendingNotification"), f.outboxTypes("SUPA", corr));
    JsonObject validated = f.last("SUPA", corr, "RegistrationValidationNotification");
    assertEquals("Validated", validated.getJsonObject("data").getString("outcome"));
    assertEquals(registrationId, validated.getJsonObject("data").getString("registrationId"));
    assertEquals("CSS", validated.getString("senderMpid"));
    assertEquals("CSS", validated.getString("senderRole"));
    assertEquals("GainingSupplier", validated.getString("contextType"));
    assertEquals("Ok", validated.getString("eventStatus"), "the pack's envelope member on every message");
    JsonObject pending = f.last("SUPA", corr, "RegistrationPendingNotification");
    assertEquals("2026-12-01", pending.getJsonObject("data").getString("registrationStatusFromDate"));
    assertEquals(List.of("RegistrationPendingNotification"), f.sentTo(corr, "SUPB"), "the losing supplier is told");
    assertEquals("LosingSupplier", f.sent(corr).stream().filter(e -> "SUPB".equals(e.recipientMpid())).findFirst()
        .map(e -> new JsonObject(e.body()).getString("contextType")).orElseThrow());

    f.advance("P3D");  // the objection window (1 working day, to 17:00) closes
    assertEquals("RegistrationSecuredActiveNotification", f.outboxTypes("SUPA", corr).get(2));
    for (String party : List.of("SUPB", "DCC", "EES", "MEMA", "DAA", "DCA", "ECOS")) {
      assertTrue(f.sentTo(corr, party).contains("RegistrationSecuredActiveNotification"), party + " is told it is secured");
    }
    assertEquals(List.of("RegistrationSecuredActiveSynchronisation"), f.outboxTypes("ERDA", corr),
        "the electricity data service is synchronised");

    f.setClock("2026-12-13T17:30:00Z");  // gate closure on the day before the supply start date
    assertEquals("GateClosureNotification", f.outboxTypes("SUPA", corr).get(3));
    JsonObject toLosing = f.sent(corr).stream().filter(e -> "SUPB".equals(e.recipientMpid())
        && "GateClosureNotification".equals(e.eventType())).findFirst().map(e -> new JsonObject(e.body())).orElseThrow();
    assertEquals("SecuredInactive", toLosing.getJsonObject("data").getString("registrationStatus"),
        "cancellation has ended: the losing supplier's registration is Secured Inactive");
    f.setClock("2026-12-14T00:30:00Z");
    assertEquals(List.of("RegistrationValidationNotification", "RegistrationPendingNotification",
        "RegistrationSecuredActiveNotification", "GateClosureNotification", "RegistrationConfirmedNotification"),
        f.outboxTypes("SUPA", corr));
    assertEquals("SUPA", f.supplierOf(mpxn), "the registration model now has SUPA as the supplier");
    assertEquals("Active", h.sim.registrations().registration(registrationId).orElseThrow().attributes().get("status"));
    assertTrue(f.outboxTypes("ERDA", corr).contains("RegistrationEventSynchronisation"));
  }

  @Test
  void happySwitchOfGasTellsTheGasPartiesAndAgents() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("G", "SUPC", "none", m -> true);
    String corr = f.switchRequest(mpxn, "G", "2026-12-15").getString("correlationId");
    f.advance("P3D");
    for (String party : List.of("SUPC", "GES", "SHIPA", "MAPA", "ECOS")) {
      assertTrue(f.sentTo(corr, party).contains("RegistrationSecuredActiveNotification"), party);
    }
    assertEquals(List.of("RegistrationSecuredActiveSynchronisation"), f.outboxTypes("GRDA", corr));
    assertTrue(f.outboxTypes("ERDA", corr).isEmpty());
  }

  @Test
  void businessValidationRejectsAfterTheAck() throws Exception {
    f.setClock(Flows.START);
    String unknown = "1200023305967";
    assertEquals("UNKNOWN_MPXN", rejection(f.switchRequest(unknown, "E", "2026-12-14")));
    String gas = f.mpxn("G", "SUPB", "none", m -> true);
    assertEquals("FUEL_TYPE_MISMATCH", rejection(f.switchRequest(gas, "E", "2026-12-14")));
    String elec = f.mpxn("E", "SUPB", "none", m -> true);
    assertEquals("SUPPLY_START_DATE_OUT_OF_RANGE", rejection(f.switchRequest(elec, "E", "2027-03-01")));
    assertEquals("SUPPLY_START_DATE_OUT_OF_RANGE", rejection(f.switchRequest(elec, "E", "2026-12-01")));
    // submitted on Tuesday 1 December: Wednesday is the one whole working day, so Thursday is the earliest
    assertEquals("SUPPLY_START_DATE_OUT_OF_RANGE", rejection(f.switchRequest(elec, "E", "2026-12-02")));
    JsonObject tooSoon = f.last("SUPA", f.switchRequest(elec, "E", "2026-12-02").getString("correlationId"),
        "RegistrationValidationNotification");
    assertEquals("Error", tooSoon.getString("eventStatus"), "a refusal says so in the envelope");
    assertEquals("SUPPLY_START_DATE_OUT_OF_RANGE", tooSoon.getString("eventDescription"));
    assertEquals("SUPPLY_START_DATE_OUT_OF_RANGE", rejection(f.switchRequest(elec, "E", "2026-12-30")), "more than 28 days");
    JsonObject first = f.switchRequest(elec, "E", "2026-12-14");
    assertEquals("Validated", f.last("SUPA", first.getString("correlationId"), "RegistrationValidationNotification")
        .getJsonObject("data").getString("outcome"));
    assertEquals("SWITCH_ALREADY_PENDING", rejection(f.switchRequest(elec, "E", "2026-12-15")));
    String own = f.mpxn("E", "SUPA", "none", m -> true);
    assertEquals("ALREADY_REGISTERED_TO_SUPPLIER", rejection(f.switchRequest(own, "E", "2026-12-14")));
  }

  private String rejection(JsonObject ack) throws Exception {
    String corr = ack.getString("correlationId");
    assertEquals(List.of("RegistrationValidationNotification"), f.outboxTypes("SUPA", corr), "only the rejection");
    JsonObject n = f.last("SUPA", corr, "RegistrationValidationNotification");
    assertEquals("Rejected", n.getJsonObject("data").getString("outcome"));
    return n.getJsonObject("data").getString("reasonCode");
  }

  @Test
  void theLosingSupplierObjectsAndTheObjectionStands() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPB", "objects", m -> true);
    String corr = f.switchRequest(mpxn, "E", "2026-12-14").getString("correlationId");
    f.advance("PT3H");  // the simulated losing supplier objects 2 hours after Pending
    assertEquals("RegistrationObjectedNotification", f.outboxTypes("SUPA", corr).get(2));
    assertTrue(f.sent(corr).stream().anyMatch(e -> e.eventType().equals("ObjectionRequest") && "SUPB".equals(e.senderMpid())),
        "SUPB's ObjectionRequest went to CSS");
    f.advance("P3D");
    JsonObject cancelled = f.last("SUPA", corr, "RegistrationCancelledNotification");
    assertEquals("Objected", cancelled.getJsonObject("data").getString("reasonCode"));
    assertEquals("SUPB", f.supplierOf(mpxn));
  }

  @Test
  void theLosingSupplierWithdrawsItsObjectionAndTheSwitchGoesAhead() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("G", "SUPB", "objectsThenWithdraws", m -> true);
    String corr = f.switchRequest(mpxn, "G", "2026-12-14").getString("correlationId");
    f.advance("PT7H");
    assertEquals(List.of("RegistrationValidationNotification", "RegistrationPendingNotification",
        "RegistrationObjectedNotification", "RegistrationObjectionWithdrawnNotification"), f.outboxTypes("SUPA", corr));
    f.advance("P3D");
    assertEquals("RegistrationSecuredActiveNotification", f.outboxTypes("SUPA", corr).get(4));
  }

  @Test
  void theGainingSupplierWithdrawsBeforeSecuring() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPC", "none", m -> true);
    JsonObject ack = f.switchRequest(mpxn, "E", "2026-12-14");
    String corr = ack.getString("correlationId");
    Harness.Response w = f.post("/css/v1/withdrawals", "WithdrawalRequest", "SUPA", corr,
        Map.of("registrationId", ack.getString("registrationId")));
    assertEquals(202, w.status(), w.body());
    JsonObject cancelled = f.last("SUPA", corr, "RegistrationCancelledNotification");
    assertEquals("Withdrawn", cancelled.getJsonObject("data").getString("reasonCode"));
    assertTrue(f.sentTo(corr, "SUPC").contains("RegistrationCancelledNotification"));
    f.advance("P3D");
    assertTrue(!f.outboxTypes("SUPA", corr).contains("RegistrationSecuredActiveNotification"), "it never secures");
  }

  @Test
  void theGainingSupplierWithdrawsAfterSecuringButNotAfterGateClosure() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPC", "none", m -> true);
    JsonObject ack = f.switchRequest(mpxn, "E", "2026-12-14");
    String corr = ack.getString("correlationId");
    f.advance("P3D");
    f.post("/css/v1/withdrawals", "WithdrawalRequest", "SUPA", corr, Map.of("registrationId", ack.getString("registrationId")));
    assertEquals("Withdrawn", f.last("SUPA", corr, "RegistrationCancelledNotification").getJsonObject("data").getString("reasonCode"));
    assertEquals(List.of("RegistrationSecuredActiveSynchronisation", "RegistrationCancelledSynchronisation"),
        f.outboxTypes("ERDA", corr));

    String other = f.mpxn("E", "SUPC", "none", m -> true);
    f.setClock(Flows.START);
    JsonObject ack2 = f.switchRequest(other, "E", "2026-12-14");
    String corr2 = ack2.getString("correlationId");
    f.setClock("2026-12-13T18:00:00Z");  // after gate closure
    f.post("/css/v1/withdrawals", "WithdrawalRequest", "SUPA", corr2, Map.of("registrationId", ack2.getString("registrationId")));
    JsonObject refused = f.last("SUPA", corr2, "RegistrationValidationNotification");
    assertEquals("WITHDRAWAL_NOT_ALLOWED_NOW", refused.getJsonObject("data").getString("reasonCode"));
    f.setClock("2026-12-14T01:00:00Z");
    assertTrue(f.outboxTypes("SUPA", corr2).contains("RegistrationConfirmedNotification"), "the switch went ahead");
  }

  @Test
  void aDataServiceThatAnswersWithASynchronisationExceptionIsSynchronisedAgain() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPB", "none", m -> "first".equals(m.attributes().get("syncException")));
    JsonObject ack = f.switchRequest(mpxn, "E", "2026-12-14");
    String corr = ack.getString("correlationId");
    f.advance("P3D");
    // ERDA is physical in this test class: the user's data service answers with an exception
    assertEquals(List.of("RegistrationSecuredActiveSynchronisation"), f.outboxTypes("ERDA", corr));
    Harness.Response ex = f.post("/css/v1/synchronisation-exceptions", "SynchronisationException", "ERDA", corr,
        Map.of("registrationId", ack.getString("registrationId"), "mpxn", mpxn, "reasonCode", "RMP_NOT_FOUND"));
    assertEquals(202, ex.status(), ex.body());
    assertEquals(List.of("RegistrationSecuredActiveSynchronisation", "RegistrationSecuredActiveSynchronisation"),
        f.outboxTypes("ERDA", corr), "CSS resends once");
    f.post("/css/v1/synchronisation-exceptions", "SynchronisationException", "ERDA", corr,
        Map.of("registrationId", ack.getString("registrationId"), "mpxn", mpxn, "reasonCode", "RMP_NOT_FOUND"));
    assertEquals(2, f.outboxTypes("ERDA", corr).size(), "and no more than values.maxSynchronisationResends");
    f.setClock("2026-12-14T00:30:00Z");
    assertTrue(f.outboxTypes("SUPA", corr).contains("RegistrationConfirmedNotification"), "the switch itself goes on");
  }

  @Test
  void initialRegistrationOfANewConnection() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", null, "none", m -> true);
    Harness.Response r = f.post("/css/v1/initial-registrations", "InitialRegistrationRequest", "SUPA", null,
        Map.of("mpxn", mpxn, "fuelType", "E", "supplyStartDate", "2026-12-10"));
    assertEquals(202, r.status(), r.body());
    String corr = r.json().getString("correlationId");
    assertEquals(List.of("RegistrationValidationNotification", "RegistrationSecuredActiveNotification"),
        f.outboxTypes("SUPA", corr));
    assertEquals(List.of("RegistrationSecuredActiveSynchronisation"), f.outboxTypes("ERDA", corr));
    f.setClock("2026-12-10T00:05:00Z");
    assertEquals("RegistrationConfirmedNotification", f.outboxTypes("SUPA", corr).get(2));
    assertEquals("SUPA", f.supplierOf(mpxn));
  }

  @Test
  void resendAndRmpUpdateFromTheDataServices() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("G", "SUPB", "none", m -> true);
    String registrationId = f.switchRequest(mpxn, "G", "2026-12-14").getString("registrationId");
    String resendCorr = Flows.uuid();
    Harness.Response resend = f.post("/css/v1/resend-requests", "ResendRequest", "GRDA", resendCorr, Map.of("mpxn", mpxn));
    assertEquals(202, resend.status(), resend.body());
    JsonObject event = f.last("GRDA", resendCorr, "RegistrationEventSynchronisation");
    assertEquals("Pending", event.getJsonObject("data").getString("registrationStatus"));
    assertEquals(registrationId, event.getJsonObject("data").getString("registrationId"), "the switch just requested");
    assertEquals("GRDA", event.getString("contextType"));

    String rmpCorr = Flows.uuid();
    Harness.Response rmp = f.post("/css/v1/rmp-updates", "RmpUpdate", "GRDA", rmpCorr,
        Map.of("mpxn", mpxn, "fuelType", "G", "rmp", Map.of("smart", false)));
    assertEquals(202, rmp.status(), rmp.body());
    assertEquals(List.of("RmpEventSynchronisation"), f.sentTo(rmpCorr, "SUPB"), "the registered supplier is told");
    assertNotNull(h.sim.registrations().meterPoint(mpxn).orElseThrow().attributes().get("rmp"),
        "the meter point recorded the update");
  }

  @Test
  void everyOutboundMessageIsJournaledWithItsRecipientAndOutcome() throws Exception {
    f.setClock(Flows.START);
    String mpxn = f.mpxn("E", "SUPB", "none", m -> true);
    String corr = f.switchRequest(mpxn, "E", "2026-12-14").getString("correlationId");
    List<JournalEntry> out = f.sent(corr);
    assertTrue(out.stream().anyMatch(e -> e.recipientMpid().equals("SUPA") && e.outcome() == JournalEntry.Outcome.QUEUED));
    assertTrue(out.stream().anyMatch(e -> e.recipientMpid().equals("SUPB") && e.outcome() == JournalEntry.Outcome.DELIVERED));
    assertTrue(out.stream().allMatch(e -> mpxn.equals(e.mpxn())), "indexed by mpxn");
  }
}
