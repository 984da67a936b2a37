package com.example.supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.csssim.CssSimulator;
import org.csssim.JournalRecord;
import org.csssim.PartyKey;
import org.csssim.junit5.CssSimulatorTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our switching service against a CSS Simulator: we are SUPA (the PIT defaults' physical
 * supplier); the losing suppliers and CSS are simulated. Each test has a simulator of its own
 * whose clock starts on a Tuesday morning, so the objection window (two working days) has
 * closed three days later whatever ran before.
 */
@CssSimulatorTest(clockAt = "2026-12-01T09:00:00Z", lifecycle = CssSimulatorTest.Lifecycle.PER_METHOD)
class SwitchingTest {
  SwitchingClient switching;
  NotificationReceiver notifications;

  @BeforeEach
  void connect(CssSimulator css) throws Exception {
    notifications = NotificationReceiver.start(css.serverCertificate("localhost").sslContext(), css.baseUrl(),
        css.sslContext());
    css.registerWebhook("SUPA", notifications.url());
    PartyKey supa = css.party("SUPA");
    switching = new SwitchingClient(css.baseUrl(), css.sslContext(), "SUPA", (ECPrivateKey) supa.privateKey(), supa.kid());
  }

  @AfterEach
  void disconnect() {
    notifications.close();
  }

  @Test
  void aSwitchIsValidatedPendingThenSecuredOnceTheObjectionWindowCloses(CssSimulator css) throws Exception {
    String mpxn = css.allocateMeterPoints("SUPA", "E", 1, "SUPB", Map.of("objection", "none")).get(0);
    SwitchingClient.Answer ack = switching.requestSwitch(mpxn, "E", LocalDate.of(2026, 12, 21));
    assertEquals(202, ack.status(), ack.body().toString());
    assertEquals("Accepted", ack.body().get("status"));
    assertNotNull(ack.registrationId(), "CSS allocates the registration id in its acknowledgement");

    Map<String, Object> validated = notifications.await(ack.correlationId(), "RegistrationValidationNotification",
        Duration.ofSeconds(10));
    assertNotNull(validated, "validation arrives at our webhook, signed by CSS");
    assertEquals("Validated", data(validated).get("outcome"));
    assertNotNull(notifications.await(ack.correlationId(), "RegistrationPendingNotification", Duration.ofSeconds(10)));

    css.clock().advance(Duration.ofDays(3));
    Map<String, Object> secured = notifications.await(ack.correlationId(), "RegistrationSecuredActiveNotification",
        Duration.ofSeconds(10));
    assertNotNull(secured, "secured once the window closed: " + notifications.of(ack.correlationId()));
    assertEquals(ack.registrationId(), data(secured).get("registrationId"));
    assertEquals(0, notifications.refused(), "every notification carried a signature CSS's published keys verify");
  }

  @Test
  void anObjectionByTheLosingSupplierCancelsTheSwitch(CssSimulator css) throws Exception {
    String mpxn = css.allocateMeterPoints("SUPA", "E", 1, "SUPB", Map.of("objection", "objects")).get(0);
    SwitchingClient.Answer ack = switching.requestSwitch(mpxn, "E", LocalDate.of(2026, 12, 22));
    assertEquals(202, ack.status());
    css.clock().advance(Duration.ofHours(3));   // this losing supplier objects two hours after Pending
    JournalRecord objected = css.awaitNotification("RegistrationObjectedNotification", ack.correlationId(), "SUPA",
        Duration.ofSeconds(10));
    assertTrue(objected.body().contains(ack.registrationId()));
    css.clock().advance(Duration.ofDays(3));
    Map<String, Object> cancelled = notifications.await(ack.correlationId(), "RegistrationCancelledNotification",
        Duration.ofSeconds(10));
    assertNotNull(cancelled, "cancelled when the window closed: " + notifications.of(ack.correlationId()));
    assertEquals("Objected", data(cancelled).get("reasonCode"));
  }

  @Test
  void aResentRequestGetsTheSameAcknowledgementAndATamperedOneIsRefused(CssSimulator css) throws Exception {
    String mpxn = css.allocateMeterPoints("SUPA", "E", 1, "SUPB").get(0);
    byte[] json = ("{\"eventId\":\"resend-1\",\"eventType\":\"SwitchRequest\",\"eventDate\":\"2026-12-01T09:00:00Z\","
        + "\"version\":\"1.0\",\"correlationId\":\"c-resend-1\",\"senderMpid\":\"SUPA\",\"senderRole\":\"Supplier\","
        + "\"data\":{\"mpxn\":\"" + mpxn + "\",\"fuelType\":\"E\",\"supplyStartDate\":\"2026-12-21\"}}")
        .getBytes(StandardCharsets.UTF_8);
    String signature = switching.sign(json);
    SwitchingClient.Answer first = switching.sendRaw("/css/v1/switch-requests", json, signature);
    SwitchingClient.Answer again = switching.sendRaw("/css/v1/switch-requests", json, signature);
    assertEquals(202, first.status());
    assertEquals(first.body(), again.body(), "a resend is answered as the first time");

    byte[] tampered = new String(json, StandardCharsets.UTF_8).replace("2026-12-21", "2026-12-22")
        .getBytes(StandardCharsets.UTF_8);
    SwitchingClient.Answer refused = switching.sendRaw("/css/v1/switch-requests", tampered, signature);
    assertEquals(401, refused.status());
    assertEquals("SIGNATURE_INVALID", code(refused));
    List<JournalRecord> journaled = css.journalOfEvent("resend-1");
    assertEquals(List.of("ACCEPTED", "DUPLICATE", "REJECTED"), journaled.stream().map(JournalRecord::outcome).toList(),
        "CSS journals the first, the resend and the refusal");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Map<String, Object> message) {
    return (Map<String, Object>) message.get("data");
  }

  @SuppressWarnings("unchecked")
  private static String code(SwitchingClient.Answer answer) {
    return (String) ((List<Map<String, Object>>) answer.body().get("errors")).get(0).get("code");
  }
}
