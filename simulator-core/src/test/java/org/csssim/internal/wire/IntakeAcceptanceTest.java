package org.csssim.internal.wire;

import static org.csssim.testing.Harness.switchRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.delivery.OutboundClient;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.scenario.ScenarioEngine;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The happy paths over real HTTPS with real signatures from the generated test PKI. */
class IntakeAcceptanceTest {
  static Harness h;

  @BeforeAll
  static void start() throws Exception {
    // SUPC signs compact, to prove the per-party profile; its default key is RSA (PS256).
    h = Harness.start(c -> Harness.physical("SUPC").apply(c.withParties(c.parties().stream()
        .map(p -> p.mpid().equals("SUPC") ? p.withSigning(new Signing(Signing.Profile.compact, "PS256")) : p)
        .toList())));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @Test
  void signedSwitchRequestIsAcknowledgedWithARegistrationIdAndJournaled() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    Harness.Response r = h.postSigned("/css/v1/switch-requests", m);

    assertEquals(202, r.status(), r.body());
    assertEquals("Accepted", r.json().getString("status"));
    assertEquals(m.get("eventId").asText(), r.json().getString("eventId"));
    assertEquals(m.get("correlationId").asText(), r.json().getString("correlationId"));
    String registrationId = r.json().getString("registrationId");
    assertEquals(7, UUID.fromString(registrationId).version(), "minted by the simulator, so time-ordered: " + registrationId);
    assertFalse(r.headers().containsKey("x-duplicate"));

    List<JournalEntry> j = h.journal(m.get("eventId").asText());
    assertEquals(1, j.size());
    JournalEntry e = j.get(0);
    assertEquals(JournalEntry.Outcome.ACCEPTED, e.outcome());
    assertEquals(JournalEntry.Direction.IN, e.direction());
    assertEquals("SwitchRequest", e.eventType());
    assertEquals("SUPA", e.senderMpid());
    assertEquals("1200023305967", e.mpxn());
    assertEquals(registrationId, e.ids().get("registrationId"));
    assertEquals(202, e.status());
    assertTrue(e.body().contains("\"supplyStartDate\":\"2026-12-14\""));
  }

  /** What the simulator mints sorts by time (UUID version 7), so the store's indexes on it grow at one end. */
  @Test
  void theEventIdsOfWhatItSendsAndItsInstanceIdsAreTimeOrdered() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    assertEquals(202, h.postSigned("/css/v1/switch-requests", m).status());
    String correlationId = m.get("correlationId").asText();
    JournalQuery flow = new JournalQuery(null, correlationId, null, null, null, null, null, 100);
    Harness.eventually(() -> sent(flow).size() > 0, "a message the simulator sends in the switch");
    for (JournalEntry e : sent(flow)) {
      assertEquals(7, UUID.fromString(e.eventId()).version(), e.toString());
    }
    List<ScenarioEngine.View> instances = Harness.await(h.sim.engine().instances(1000, true)).stream()
        .filter(v -> correlationId.equals(v.correlationId())).toList();
    assertFalse(instances.isEmpty());
    instances.forEach(v -> assertEquals(7, UUID.fromString(v.id()).version(), v.toString()));
    assertEquals(4, UUID.fromString(m.get("eventId").asText()).version(), "the sender's own id is left as it chose it");
  }

  private static List<JournalEntry> sent(JournalQuery q) {
    try {
      return Harness.await(h.sim.journal().query(q)).stream().filter(e -> e.direction() == JournalEntry.Direction.OUT).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyPostTypeOfTheCatalogueIsRouted() throws Exception {
    ObjectNode init = switchRequest("SUPA").put("eventType", "InitialRegistrationRequest");
    ((ObjectNode) init.get("data")).remove("changeOfOccupancyInd");
    Harness.Response r = h.postSigned("/css/v1/initial-registrations", init);
    assertEquals(202, r.status(), r.body());
    assertNotNull(r.json().getString("registrationId"));

    ObjectNode objection = switchRequest("SUPA").put("eventType", "ObjectionRequest");
    objection.putObject("data").put("registrationId", UUID.randomUUID().toString());
    Harness.Response o = h.postSigned("/css/v1/objections", objection);
    assertEquals(202, o.status(), o.body());
    assertNotNull(o.json().getString("objectionId"), "the catalogue gives ObjectionRequest's ack an objectionId");
  }

  @Test
  void compactProfileIsAcceptedForAPartyConfiguredForIt() throws Exception {
    ObjectNode m = switchRequest("SUPC");
    Harness.Response r = h.postSigned("/css/v1/switch-requests", m);
    assertEquals(202, r.status(), r.body());
    assertEquals(m.get("eventId").asText(), r.json().getString("eventId"));
    // the journal keeps the JSON payload, not the JWS
    assertTrue(h.journal(m.get("eventId").asText()).get(0).body().startsWith("{"));
  }

  @Test
  void detachedSignatureFromACompactPartyIsAProfileMismatch() throws Exception {
    ObjectNode m = switchRequest("SUPC");
    byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
    String sig = new org.csssim.internal.jws.JwsSigner(h.party("SUPC").signingKey(), h.party("SUPC").signingKid(), "PS256")
        .detached(body);
    Harness.Response r = h.send(HttpMethod.POST, "/css/v1/switch-requests",
        java.util.Map.of("Content-Type", "application/json", MessageSigner.SIGNATURE_HEADER, sig), body);
    assertEquals(415, r.status(), r.body());
    assertEquals("SIGNING_PROFILE_MISMATCH", r.firstErrorCode());
  }

  @Test
  void theOutboundClientAndSignerDeliverAMessageTheIntakeAccepts() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    MessageSigner.Signed s = h.sim.signer().sign(h.party("SUPA"), m.toString().getBytes(StandardCharsets.UTF_8));
    java.util.Map<String, String> headers = s.headers();
    OutboundClient.Response r = Harness.await(h.sim.outbound().send(HttpMethod.POST,
        h.baseUrl() + "/css/v1/switch-requests", headers, s.contentType(), s.body()));
    assertEquals(202, r.status(), new String(r.body(), StandardCharsets.UTF_8));
    assertTrue(r.latencyMicros() > 0);
  }

  @Test
  void healthAndVersionNeedNoToken() throws Exception {
    Harness.Response health = h.send(HttpMethod.GET, "/health", java.util.Map.of(), null);
    assertEquals(200, health.status());
    assertEquals("UP", health.json().getString("status"));
    assertEquals("UP", health.json().getJsonObject("checks").getJsonObject("journal").getString("status"));

    Harness.Response version = h.send(HttpMethod.GET, "/version", java.util.Map.of(), null);
    assertEquals(200, version.status());
    assertEquals("PIT", version.json().getString("environment"));
    assertEquals("CSS reference catalogue", version.json().getJsonObject("catalogue").getString("name"));
    assertTrue(version.json().getString("simulator").matches("\\d+\\.\\d+\\.\\d+.*"), version.body());
  }
}
