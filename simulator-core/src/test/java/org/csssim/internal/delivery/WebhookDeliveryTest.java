package org.csssim.internal.delivery;

import static org.csssim.testing.Harness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed webhooks to real HTTPS receivers: order, retries, dead letters, resend, isolation. */
class WebhookDeliveryTest {
  Harness h;
  WebhookReceiver supa;

  @BeforeEach
  void start() throws Exception {
    h = Harness.start(Harness.physical("ERDA").andThen(c -> c
        .withDelivery(new DeliveryOptions(3, Duration.ofMillis(50), Duration.ofMillis(200), 4, false))
        .withOutbound(new OutboundOptions(Duration.ofSeconds(2), Duration.ofSeconds(1), null)))::apply);
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
    supa = new WebhookReceiver(h);
  }

  @AfterEach
  void stop() throws Exception {
    supa.close();
    h.close();
  }

  private String subscribe(String mpid, String url, String types) throws Exception {
    Harness.Response r = h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"" + mpid + "\",\"url\":\"" + url + "\""
        + (types == null ? "" : ",\"eventTypes\":" + types) + ",\"reason\":\"test\"}");
    assertEquals(201, r.status(), r.body());
    return r.json().getString("id");
  }

  private String switchSupa() throws Exception {
    String mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "E".equals(m.attributes().get("fuelType"))
            && "none".equals(m.attributes().get("objection")) && !m.attributes().containsKey("syncException"))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    var m = Harness.switchRequest("SUPA");
    ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("data")).put("mpxn", mpxn);
    Harness.Response r = h.postSigned("/css/v1/switch-requests", m);
    assertEquals(202, r.status(), r.body());
    return r.json().getString("correlationId");
  }

  private List<JournalEntry> acknowledged(String corr, String type) {
    try {
      return Harness.await(h.sim.journal().query(new JournalQuery(null, corr, null, "SUPA", type, null, null, 100)))
          .stream().filter(e -> e.outcome() == JournalEntry.Outcome.ACKNOWLEDGED).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void signedWebhooksArriveInOrderAndVerifyWithThePublishedKeys() throws Exception {
    subscribe("SUPA", supa.url(), null);
    String corr = switchSupa();
    eventually(() -> supa.types(corr).size() == 2, "validation and pending");
    assertEquals(List.of("RegistrationValidationNotification", "RegistrationPendingNotification"), supa.types(corr));
    h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P3D\"}");
    eventually(() -> supa.types(corr).size() == 3, "secured");
    assertEquals("RegistrationSecuredActiveNotification", supa.types(corr).get(2));
    assertTrue(supa.badSignatures.isEmpty(), "every signature verifies: " + supa.badSignatures);
    assertEquals(0, h.admin(HttpMethod.GET, "/outbox/SUPA", null).json().getInteger("pending"), "nothing left waiting");

    eventually(() -> acknowledged(corr, null).size() == 3, "three acknowledgements journaled");
    List<JournalEntry> acks = acknowledged(corr, null);
    assertEquals(200, acks.get(0).attempt().status());
    assertEquals(supa.url(), acks.get(0).attempt().url());
    assertTrue(acks.get(0).attempt().latencyMicros() > 0);
  }

  @Test
  void messagesWaitForAWebhookAndATypeNoWebhookTakesIsDeadLetteredNotBlocking() throws Exception {
    String corr = switchSupa();
    assertEquals(2, h.admin(HttpMethod.GET, "/outbox/SUPA", null).json().getInteger("pending"), "no webhook yet: they wait");
    subscribe("SUPA", supa.url(), "[\"RegistrationPendingNotification\"]");
    eventually(() -> supa.types(corr).size() == 1, "the pending notification");
    assertEquals(List.of("RegistrationPendingNotification"), supa.types(corr));
    JsonArray dead = new JsonArray(h.admin(HttpMethod.GET, "/dead-letters?mpid=SUPA", null).body());
    assertEquals("RegistrationValidationNotification", dead.getJsonObject(0).getString("eventType"),
        "the type SUPA's webhook does not take is kept as a dead letter, not lost, and does not block the MPxN");

    WebhookReceiver all = new WebhookReceiver(h);
    try {
      subscribe("SUPA", all.url(), null);
      assertEquals(202, h.admin(HttpMethod.POST, "/messages/" + dead.getJsonObject(0).getString("eventId") + "/resend",
          null).status());
      eventually(() -> all.types(corr).size() == 1, "the validation, resent to the new webhook");
      assertEquals(List.of("RegistrationValidationNotification"), all.types(corr));
    } finally {
      all.close();
    }
    JsonArray changes = new JsonArray(h.admin(HttpMethod.GET, "/webhooks/changes", null).body());
    assertEquals(2, changes.size());
    JsonObject first = changes.getJsonObject(0);
    assertEquals("added", first.getString("action"));
    assertEquals("test", first.getString("reason"));
    assertTrue(first.getString("by").startsWith("admin-token:"), first.encode());
  }

  @Test
  void aReceiverThatFailsForAWhileLosesNothingAndOrderIsKept() throws Exception {
    supa.failNext.set(2);
    subscribe("SUPA", supa.url(), null);
    String corr = switchSupa();
    eventually(() -> supa.types(corr).size() == 2, "both, after the retries");
    assertEquals(List.of("RegistrationValidationNotification", "RegistrationPendingNotification"), supa.types(corr));
    eventually(() -> acknowledged(corr, "RegistrationValidationNotification").size() == 1, "its acknowledgement journaled");
    List<JournalEntry.Outcome> attempts = Harness.await(h.sim.journal().query(new JournalQuery(null, corr, null,
        "SUPA", "RegistrationValidationNotification", null, null, 100))).stream()
        .filter(e -> e.attempt() != null).map(JournalEntry::outcome).toList();
    assertEquals(List.of(JournalEntry.Outcome.RETRYING, JournalEntry.Outcome.RETRYING, JournalEntry.Outcome.ACKNOWLEDGED),
        attempts);
  }

  @Test
  void afterTheLastAttemptAMessageIsDeadLetteredAndCanBeResent() throws Exception {
    supa.failNext.set(1000);
    subscribe("SUPA", supa.url(), null);
    String corr = switchSupa();
    eventually(() -> {
      try {
        return new JsonArray(h.admin(HttpMethod.GET, "/dead-letters?mpid=SUPA", null).body()).size() == 2;
      } catch (Exception e) {
        return false;
      }
    }, "two dead letters");
    assertEquals(6, supa.calls.get(), "3 attempts each");
    JsonObject supaParty = new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body()).stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("mpid").equals("SUPA")).findFirst().orElseThrow();
    assertEquals(6, supaParty.getInteger("failedAttempts"));
    assertEquals(2, supaParty.getInteger("deadLetters"));
    JsonArray dead = new JsonArray(h.admin(HttpMethod.GET, "/dead-letters?mpid=SUPA", null).body());
    String eventId = dead.getJsonObject(0).getString("eventId");

    supa.failNext.set(0);
    Harness.Response resent = h.admin(HttpMethod.POST, "/messages/" + eventId + "/resend", null);
    assertEquals(202, resent.status(), resent.body());
    eventually(() -> supa.types(corr).size() == 1, "the resent message");
    assertEquals(eventId, supa.received.get(0).getString("eventId"), "the same eventId");
    assertEquals(1, new JsonArray(h.admin(HttpMethod.GET, "/dead-letters?mpid=SUPA", null).body()).size());
    assertEquals(404, h.admin(HttpMethod.POST, "/messages/no-such-event/resend", null).status());
  }

  @Test
  void aDeadReceiverDoesNotSlowTheOthers() throws Exception {
    WebhookReceiver erda = new WebhookReceiver(h);
    try {
      erda.hang = true;
      subscribe("ERDA", erda.url(), null);
      subscribe("SUPA", supa.url(), null);
      String corr = switchSupa();
      h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P3D\"}");
      eventually(() -> supa.types(corr).size() == 3, "SUPA's three");
      eventually(() -> erda.calls.get() >= 1, "ERDA was called and hangs");
      assertTrue(Harness.await(h.sim.journal().query(new JournalQuery(null, corr, null, "ERDA", null, null, null,
          100))).stream().noneMatch(e -> e.outcome() == JournalEntry.Outcome.ACKNOWLEDGED), "ERDA acknowledged nothing");
    } finally {
      erda.close();
    }
  }

  /** The error of the first failed attempt to deliver to SUPA in the flow, once there is one. */
  private String firstFailure(String corr) throws Exception {
    String[] error = {null};
    eventually(() -> {
      try {
        error[0] = Harness.await(h.sim.journal().query(new JournalQuery(null, corr, null, "SUPA", null, null, null, 100)))
            .stream().filter(e -> e.attempt() != null && e.attempt().error() != null).map(e -> e.attempt().error())
            .findFirst().orElse(null);
        return error[0] != null;
      } catch (Exception e) {
        return false;
      }
    }, "a failed attempt is journaled");
    return error[0];
  }

  @Test
  void aReceiverWhoseCertificateTheTrustDoesNotCoverIsSaidSo() throws Exception {
    java.nio.file.Path other = java.nio.file.Files.createTempDirectory("other-pki");
    new org.csssim.internal.pki.TestPki(other).ensure(java.util.Map.of());   // another CA's localhost certificate
    try (WebhookReceiver stranger = new WebhookReceiver(h, other.resolve("pki/tls.crt"), other.resolve("pki/tls.key"))) {
      subscribe("SUPA", stranger.url(), null);
      String error = firstFailure(switchSupa());
      assertTrue(error.startsWith("the receiver's certificate is not trusted by outbound.trust [pki/ca.crt]"), error);
      assertTrue(error.contains("pki issue --server --host localhost"), "it says how to get one that is: " + error);
    }
  }

  @Test
  void aReceiverWhoseCertificateNamesAnotherHostIsSaidSo() throws Exception {
    h.sim.pki().issueServer("elsewhere", List.of("elsewhere.example"));
    try (WebhookReceiver wrong = new WebhookReceiver(h, h.sim.pki().serverCertificate("elsewhere"),
        h.sim.pki().serverKey("elsewhere"))) {
      subscribe("SUPA", wrong.url(), null);
      String error = firstFailure(switchSupa());
      assertTrue(error.startsWith("the receiver's certificate does not name localhost"), error);
    }
  }

  @Test
  void nothingListeningIsSaidSo() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    subscribe("SUPA", "https://localhost:" + port + "/hook", null);
    String error = firstFailure(switchSupa());
    assertTrue(error.startsWith("nothing is listening at https://localhost:" + port + "/hook"), error);
  }

  @Test
  void badWebhooksAreRefused() throws Exception {
    assertEquals(400, h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"NOPE\",\"url\":\"https://x/\"}").status());
    assertEquals(400, h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"ftp://x/\"}").status());
    assertEquals(400, h.admin(HttpMethod.POST, "/webhooks",
        "{\"mpid\":\"SUPA\",\"url\":\"https://x/\",\"eventTypes\":[\"Nonsense\"]}").status());
    String id = subscribe("SUPA", supa.url(), null);
    assertEquals(204, h.admin(HttpMethod.DELETE, "/webhooks/" + id + "?reason=done", null).status());
    assertEquals(404, h.admin(HttpMethod.DELETE, "/webhooks/" + id, null).status());
    assertEquals(0, new JsonArray(h.admin(HttpMethod.GET, "/webhooks", null).body()).size());
  }
}
