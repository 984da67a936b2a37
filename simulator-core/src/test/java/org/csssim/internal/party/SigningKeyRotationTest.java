package org.csssim.internal.party;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.csssim.internal.config.PartyConfig;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.csssim.testing.Harness;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * A rehearsal of a CSS signing-certificate rotation as CSS made one in production (20 February
 * 2024): the next certificate is published beside the current one, CSS signs with the next key
 * from a set instant, both stay published for a window, then the old one is withdrawn. Read by
 * a participant's webhook, which checks every signature against CSS's published keys.
 */
class SigningKeyRotationTest {
  private static final String T0 = "2026-12-01T09:00:00Z";

  @Test
  void cssPublishesThenSignsWithThenKeepsOnlyItsNextKey() throws Exception {
    try (Harness h = Harness.start(withCssRotation("2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z", "2026-12-01T11:30:00Z"))) {
      String current = KeyIds.kid(Pem.readCertificate(h.dataDir.resolve("pki/parties/CSS.crt")));
      assertTrue(Files.exists(h.dataDir.resolve("pki/parties/CSS-next.key")), "the test PKI made the next key");
      String next = KeyIds.kid(Pem.readCertificate(h.dataDir.resolve("pki/parties/CSS-next.crt")));
      try (WebhookReceiver supa = new WebhookReceiver(h)) {
        h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"" + supa.url() + "\"}");
        // from after the window back to its start: the step back is journaled too
        h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T12:00:00Z\"}");
        h.admin(HttpMethod.POST, "/clock", "{\"set\":\"" + T0 + "\"}");
        assertEquals(List.of(current), published(h), "before the rotation: the current key only");
        assertEquals(current, notificationKid(h, supa));

        h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT1H5M\"}");   // 10:05: published, not signing yet
        assertEquals(List.of(current, next), published(h), "the window: both published");
        assertEquals(current, notificationKid(h, supa));

        h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT30M\"}");    // 10:35: signs with the next key
        assertEquals(List.of(current, next), published(h));
        assertEquals(next, notificationKid(h, supa));

        h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT1H\"}");     // 11:35: the old key withdrawn
        assertEquals(List.of(next), published(h), "after the window: the next key only");
        assertEquals(next, notificationKid(h, supa));
        assertEquals(List.of(), supa.badSignatures, "every notification verified against CSS's published keys");

        List<String> changes = new JsonObject(h.admin(HttpMethod.GET, "/messages?mpid=CSS&eventType=SigningKeysChanged", null)
            .body()).getJsonArray("messages").stream().map(o -> (JsonObject) o).map(e -> e.getString("at")).toList();
        assertEquals(List.of("2026-12-01T10:00:00Z", "2026-12-01T10:30:00Z", "2026-12-01T11:30:00Z"),
            changes.subList(changes.size() - 3, changes.size()), "each step journaled at its own instant");
        assertTrue(changes.get(changes.size() - 4).startsWith("2026-12-01T09:00:0"),
            "before them, the clock set to 09:00 put the current key back: " + changes);

        h.admin(HttpMethod.POST, "/clock", "{\"set\":\"" + T0 + "\"}");
        assertEquals(List.of(current), published(h), "moving the clock back undoes the rotation");
      }
    }
  }

  @Test
  void aRotationStillAheadAtStartHappensWhenItsTimeComes() throws Exception {
    java.time.Instant soon = Harness.EPOCH.plusSeconds(3600);
    try (Harness h = Harness.start(withCssRotation(soon.toString(), soon.plusSeconds(60).toString(),
        soon.plusSeconds(120).toString()))) {
      String next = KeyIds.kid(Pem.readCertificate(h.dataDir.resolve("pki/parties/CSS-next.crt")));
      assertEquals(1, published(h).size());
      h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT1H5M\"}");
      assertEquals(List.of(next), published(h));
      assertEquals(next, h.party("CSS").signingKid());
    }
  }

  @Test
  void aRotationOutOfOrderIsRefusedWithItsKey() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.csssim.internal.yaml.InvalidValue.class,
        () -> new KeyRotation(null, null, "2026-12-01T10:00:00Z", "2026-12-01T09:00:00Z", "2026-12-01T11:00:00Z"));
    assertEquals("signFrom", e.key());
    assertTrue(e.getMessage().contains("publishFrom <= signFrom <= withdrawFrom"), e.getMessage());
  }

  private static java.util.function.UnaryOperator<SimulatorConfig> withCssRotation(String publish, String sign, String withdraw) {
    return c -> c.withParties(c.parties().stream().map(p -> p.mpid().equals("CSS")
        ? new PartyConfig(p.mpid(), p.roles(), p.mode(), p.url(), p.signing(), p.keys(), p.signingKey(),
            new KeyRotation(null, null, publish, sign, withdraw), p.webhooks(), p.faults()) : p).toList());
  }

  private static List<String> published(Harness h) throws Exception {
    return JWKSet.parse(h.send(HttpMethod.GET, "/pki/parties/CSS/jwks.json", Map.of(), null).body()).getKeys().stream()
        .map(k -> k.getKeyID()).toList();
  }

  /** The kid CSS signs a notification to SUPA with now (a switch it rejects: an MPxN no one has). */
  private static String notificationKid(Harness h, WebhookReceiver supa) throws Exception {
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", "1200023305967").put("supplyStartDate", "2026-12-20");
    String corr = m.get("correlationId").asText();
    assertEquals(202, h.postSigned("/css/v1/switch-requests", m).status());
    Harness.eventually(() -> supa.types(corr).contains("RegistrationValidationNotification"), "the notification");
    int at = supa.received.stream().map(r -> r.getString("correlationId")).toList().indexOf(corr);
    return supa.kids.get(at);
  }
}
