package org.csssim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The public API as an embedder uses it: the JDK's own HTTPS client and server, nothing of the
 * simulator's internals. A signed SwitchRequest gets its 202, its notifications are journaled
 * and arrive, signed by CSS, at a webhook the test CA certified.
 */
class CssSimulatorTest {
  static CssSimulator css;
  static HttpClient client;

  @BeforeAll
  static void start() {
    css = CssSimulator.builder().clockAt(Instant.parse("2026-12-01T09:00:00Z")).start();
    client = HttpClient.newBuilder().sslContext(css.sslContext()).build();
  }

  @AfterAll
  static void stop() {
    css.close();
  }

  private static String switchRequest(String mpxn) {
    return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("eventType", "SwitchRequest")
        .put("eventDate", "2026-12-01T09:00:00Z").put("version", "1.0").put("correlationId", UUID.randomUUID().toString())
        .put("senderMpid", "SUPA").put("senderRole", "Supplier")
        .put("data", new JsonObject().put("mpxn", mpxn).put("fuelType", "E").put("supplyStartDate", "2026-12-21"))
        .encode();
  }

  private static HttpResponse<String> post(String path, String body, String signature) throws Exception {
    return client.send(HttpRequest.newBuilder(css.baseUrl().resolve(path)).header("Content-Type", "application/json")
        .header("X-JWS-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSignedSwitchIsAcknowledgedAndItsSignedNotificationsArriveAtTheWebhook() throws Exception {
    LinkedBlockingQueue<String[]> received = new LinkedBlockingQueue<>();
    ServerCertificate cert = css.serverCertificate("localhost");
    HttpsServer receiver = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setHttpsConfigurator(new HttpsConfigurator(cert.sslContext()));
    receiver.createContext("/hook", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new String[] {new String(body, StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-JWS-Signature")});
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    try {
      String hook = css.registerWebhook("SUPA", URI.create("https://localhost:" + receiver.getAddress().getPort() + "/hook"));
      String mpxn = css.allocateMeterPoints("SUPA", "E", 1, "SUPB").get(0);
      String body = switchRequest(mpxn);
      HttpResponse<String> ack = post("/css/v1/switch-requests", body, css.sign("SUPA", body.getBytes(StandardCharsets.UTF_8)));
      assertEquals(202, ack.statusCode(), ack.body());
      JsonObject answer = new JsonObject(ack.body());
      String correlationId = answer.getString("correlationId");
      assertEquals("Accepted", answer.getString("status"));

      JournalRecord validated = css.awaitNotification("RegistrationValidationNotification", correlationId, "SUPA",
          Duration.ofSeconds(10));
      assertEquals("CSS", validated.from());
      assertTrue(validated.body().contains("\"Validated\""), validated.body());

      String[] first = received.poll(10, TimeUnit.SECONDS);
      assertTrue(first != null, "a notification reached the webhook");
      JsonObject notification = new JsonObject(first[0]);
      assertEquals(correlationId, notification.getString("correlationId"));
      assertTrue(signedByCss(first[0].getBytes(StandardCharsets.UTF_8), first[1]), "signed by a key CSS publishes");
      css.removeWebhook(hook);
    } finally {
      receiver.stop(0);
    }
  }

  /** What a real system does: fetch CSS's JWK set and check the detached JWS over the exact bytes. */
  private static boolean signedByCss(byte[] body, String jws) throws Exception {
    HttpResponse<String> keys = client.send(HttpRequest.newBuilder(css.baseUrl().resolve("/pki/parties/CSS/jwks.json"))
        .build(), HttpResponse.BodyHandlers.ofString());
    String[] parts = jws.split("\\.", -1);
    JWSObject o = new JWSObject(new Base64URL(parts[0]), new Payload(body), new Base64URL(parts[2]));
    ECKey key = (ECKey) JWKSet.parse(keys.body()).getKeyByKeyId(o.getHeader().getKeyID());
    return key != null && o.verify(new ECDSAVerifier(key));
  }

  @Test
  void aBadSignatureIsRefusedAndJournaled() throws Exception {
    String body = switchRequest("1200023305967");
    String forged = css.sign("SUPA", "other bytes".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> refused = post("/css/v1/switch-requests", body, forged);
    assertEquals(401, refused.statusCode());
    String eventId = new JsonObject(body).getString("eventId");
    List<JournalRecord> history = css.journalOfEvent(eventId);
    assertEquals(List.of("REJECTED"), history.stream().map(JournalRecord::outcome).toList());
    assertEquals(List.of("SIGNATURE_INVALID"), history.get(0).errorCodes());
  }

  @Test
  void theClockMovesWhenTold() {
    Instant before = css.clock().now();
    Instant after = css.clock().advance(Duration.ofDays(2));
    assertTrue(!after.isBefore(before.plus(Duration.ofDays(2))), before + " -> " + after);
  }

  @Test
  void thePartyKeyIsTheOneItsPublishedKidNames() {
    PartyKey supa = css.party("SUPA");
    assertEquals("ES256", supa.algorithm());
    assertTrue(supa.keyFile().toFile().isFile() && supa.certificateFile().toFile().isFile());
    assertTrue(supa.certificate().getSubjectX500Principal().getName().contains("CN=SUPA"));
    assertThrows(IllegalArgumentException.class, () -> css.party("NOBODY"));
  }

  @Test
  void awaitingWhatNeverComesFailsWithWhatTheFlowHolds() {
    AssertionError e = assertThrows(AssertionError.class, () -> css.awaitNotification("RegistrationConfirmedNotification",
        "no-such-flow", Duration.ofMillis(100)));
    assertTrue(e.getMessage().contains("no-such-flow"), e.getMessage());
  }
}
