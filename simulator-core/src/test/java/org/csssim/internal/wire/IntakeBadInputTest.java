package org.csssim.internal.wire;

import static org.csssim.testing.Harness.switchRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.testing.Harness;
import org.csssim.testing.RawHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input the contract names: each gets its status and stable code, is
 * journaled (found by eventId where one could be read), and changes no state: no accepted
 * entry appears and the eventId stays free for a correct message.
 */
class IntakeBadInputTest {
  static final String SWITCH = "/css/v1/switch-requests";
  static Harness h;
  long acceptedBefore;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.start(Harness.physical("GRDA"));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  @BeforeEach
  void countAccepted() throws Exception {
    acceptedBefore = accepted();
  }

  @AfterEach
  void noStateChanged() throws Exception {
    assertEquals(acceptedBefore, accepted(), "a rejected message must not be accepted");
  }

  private static long accepted() throws Exception {
    return Harness.await(h.sim.journal().query(org.csssim.internal.journal.JournalQuery.all(Integer.MAX_VALUE)))
        .stream().filter(e -> e.outcome() == JournalEntry.Outcome.ACCEPTED).count();
  }

  /** Asserts the answer, that it was journaled as rejected, and that the eventId is still free. */
  private static void assertRejected(Harness.Response r, int status, String code, ObjectNode message) throws Exception {
    assertEquals(status, r.status(), r.body());
    assertEquals("Rejected", r.json().getString("status"));
    assertEquals(code, r.firstErrorCode(), r.body());
    if (message != null) {
      String eventId = message.get("eventId").asText();
      assertEquals(eventId, r.json().getString("eventId"));
      List<JournalEntry> j = h.journal(eventId);
      assertEquals(1, j.size(), "journaled once");
      assertEquals(JournalEntry.Outcome.REJECTED, j.get(0).outcome());
      assertEquals(code, j.get(0).errors().get(0).code());
    }
  }

  private static Harness.Response postDetached(byte[] body, String signature) throws Exception {
    return h.send(HttpMethod.POST, SWITCH, signature == null ? Map.of("Content-Type", "application/json")
        : Map.of("Content-Type", "application/json", MessageSigner.SIGNATURE_HEADER, signature), body);
  }

  private static byte[] bytes(ObjectNode m) {
    return m.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String signAs(String mpid, byte[] body) {
    return h.sim.signer().sign(h.party(mpid), body).headers().get(MessageSigner.SIGNATURE_HEADER);
  }

  @Test
  void tamperedBody() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    String sig = signAs("SUPA", bytes(m));
    ((ObjectNode) m.get("data")).put("supplyStartDate", "2026-12-15");
    assertRejected(postDetached(bytes(m), sig), 401, "SIGNATURE_INVALID", m);
  }

  @Test
  void signatureByAnotherPartysValidKey() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    assertRejected(postDetached(bytes(m), signAs("SUPB", bytes(m))), 401, "SIGNATURE_SENDER_MISMATCH", m);
  }

  @Test
  void unknownKid() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    String sig = new org.csssim.internal.jws.JwsSigner(h.party("SUPA").signingKey(), "no-such-kid", "ES256").detached(bytes(m));
    assertRejected(postDetached(bytes(m), sig), 401, "SIGNATURE_KEY_UNKNOWN", m);
  }

  @Test
  void algNone() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    String header = Base64URL.encode("{\"alg\":\"none\",\"kid\":\"" + h.party("SUPA").signingKid() + "\"}").toString();
    assertRejected(postDetached(bytes(m), header + ".."), 401, "SIGNATURE_ALGORITHM_NOT_ALLOWED", m);
  }

  @Test
  void hmacWithThePublicKeyAsSecret() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    byte[] secret = h.party("SUPA").keys().get(0).publicKey().getEncoded();
    byte[] padded = Arrays.copyOf(secret, Math.max(secret.length, 32));
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(h.party("SUPA").signingKid()).build(),
        new Payload(bytes(m)));
    jws.sign(new MACSigner(padded));
    assertRejected(postDetached(bytes(m), jws.serialize(true)), 401, "SIGNATURE_ALGORITHM_NOT_ALLOWED", m);
  }

  @Test
  void missingSignatureHeader() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    assertRejected(postDetached(bytes(m), null), 401, "SIGNATURE_MISSING", m);
  }

  @Test
  void malformedSignatureHeader() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    assertRejected(postDetached(bytes(m), "not-a-jws"), 401, "SIGNATURE_MALFORMED", m);
  }

  @Test
  void bodyOverTheLimit() throws Exception {
    byte[] body = new byte[2 * 1000 * 1000];
    Arrays.fill(body, (byte) ' ');
    body[0] = '{';
    body[body.length - 1] = '}';
    Harness.Response r = postDetached(body, "x..y");
    assertEquals(413, r.status(), r.body());
    assertEquals("BODY_TOO_LARGE", r.firstErrorCode());
    List<JournalEntry> rejected = Harness.await(h.sim.journal().query(org.csssim.internal.journal.JournalQuery.all(10_000)))
        .stream().filter(e -> e.errors().stream().anyMatch(x -> x.code().equals("BODY_TOO_LARGE"))).toList();
    assertFalse(rejected.isEmpty(), "the oversize body is journaled");
  }

  @Test
  void invalidJson() throws Exception {
    Harness.Response r = postDetached("{\"eventId\": \"a\",".getBytes(StandardCharsets.UTF_8), "x..y");
    assertRejected(r, 400, "MALFORMED_JSON", null);
  }

  @Test
  void missingEnvelopeField() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    m.remove("correlationId");
    Harness.Response r = postDetached(bytes(m), signAs("SUPA", bytes(m)));
    assertRejected(r, 400, "ENVELOPE_FIELD_MISSING", m);
    assertEquals("/correlationId", r.firstPointer());
  }

  @Test
  void badEventDateFormat() throws Exception {
    ObjectNode m = switchRequest("SUPA").put("eventDate", "22/11/2026");
    Harness.Response r = postDetached(bytes(m), signAs("SUPA", bytes(m)));
    assertRejected(r, 400, "ENVELOPE_FIELD_INVALID", m);
    assertEquals("/eventDate", r.firstPointer());
  }

  @Test
  void eachKindOfSchemaViolationWithItsPointer() throws Exception {
    record Case(String field, Object value, String code, String pointer) {}
    List<Case> cases = List.of(
        new Case("mpxn", null, "SCHEMA_REQUIRED", "/data/mpxn"),
        new Case("mpxn", "12AB", "SCHEMA_PATTERN", "/data/mpxn"),
        new Case("fuelType", "X", "SCHEMA_ENUM", "/data/fuelType"),
        new Case("supplyStartDate", "2026-13-45", "SCHEMA_FORMAT", "/data/supplyStartDate"),
        new Case("domesticPremisesInd", "yes", "SCHEMA_TYPE", "/data/domesticPremisesInd"),
        new Case("colour", "blue", "SCHEMA_ADDITIONAL_PROPERTIES", "/data/colour"),
        new Case("supplierGeneratedReference", "R".repeat(65), "SCHEMA_LENGTH", "/data/supplierGeneratedReference"));
    for (Case c : cases) {
      ObjectNode m = switchRequest("SUPA");
      ObjectNode data = (ObjectNode) m.get("data");
      if (c.value() == null) {
        data.remove(c.field());
      } else {
        data.putPOJO(c.field(), c.value());
      }
      Harness.Response r = h.postSigned(SWITCH, m);
      assertRejected(r, 422, c.code(), m);
      assertEquals(c.pointer(), r.firstPointer(), c + " " + r.body());
    }
  }

  @Test
  void allSchemaViolationsAreReportedAtOnce() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("fuelType", "X").put("mpxn", "1");
    Harness.Response r = h.postSigned(SWITCH, m);
    assertEquals(422, r.status());
    assertEquals(List.of("SCHEMA_ENUM", "SCHEMA_PATTERN"), r.errorCodes());
  }

  @Test
  void aRoleThatMayNotSendTheType() throws Exception {
    ObjectNode m = switchRequest("GRDA").put("senderRole", "GRDA");
    Harness.Response r = h.postSigned(SWITCH, m);
    assertRejected(r, 403, "SENDER_NOT_ALLOWED", m);
    assertEquals("/senderRole", r.firstPointer());
  }

  @Test
  void aRoleTheSenderDoesNotHold() throws Exception {
    ObjectNode m = switchRequest("GRDA");  // claims Supplier
    assertRejected(h.postSigned(SWITCH, m), 403, "SENDER_ROLE_NOT_HELD", m);
  }

  @Test
  void aSimulatedPartyCannotSendFromOutside() throws Exception {
    ObjectNode m = switchRequest("SUPB");
    assertRejected(h.postSigned(SWITCH, m), 403, "SENDER_NOT_PHYSICAL", m);
  }

  @Test
  void replayGetsTheOriginalAckAndReuseWithAnotherBodyIsAConflict() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    Harness.Response first = h.postSigned(SWITCH, m);
    assertEquals(202, first.status());
    acceptedBefore++; // this test accepts one message on purpose

    Harness.Response replay = h.postSigned(SWITCH, m);
    assertEquals(202, replay.status());
    assertEquals("true", replay.headers().get("x-duplicate"));
    assertEquals(first.body(), replay.body(), "the original ack, registrationId included");

    ObjectNode changed = m.deepCopy();
    ((ObjectNode) changed.get("data")).put("supplyStartDate", "2026-12-20");
    Harness.Response conflict = h.postSigned(SWITCH, changed);
    assertEquals(409, conflict.status());
    assertEquals("EVENT_ID_REUSED", conflict.firstErrorCode());

    List<JournalEntry.Outcome> outcomes = h.journal(m.get("eventId").asText()).stream().map(JournalEntry::outcome).toList();
    assertEquals(List.of(JournalEntry.Outcome.ACCEPTED, JournalEntry.Outcome.DUPLICATE, JournalEntry.Outcome.REJECTED),
        outcomes);
  }

  @Test
  void unknownPath() throws Exception {
    Harness.Response r = h.send(HttpMethod.POST, "/css/v1/no-such-thing", Map.of("Content-Type", "application/json"),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertRejected(r, 404, "UNKNOWN_PATH", null);
  }

  @Test
  void wrongMethodOnAKnownPath() throws Exception {
    Harness.Response r = h.send(HttpMethod.PUT, SWITCH, Map.of("Content-Type", "application/json"),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertRejected(r, 405, "METHOD_NOT_ALLOWED", null);
  }

  @Test
  void unknownEventType() throws Exception {
    ObjectNode m = switchRequest("SUPA").put("eventType", "TeleportRequest");
    Harness.Response r = h.postSigned(SWITCH, m);
    assertRejected(r, 404, "UNKNOWN_EVENT_TYPE", m);
    assertEquals("/eventType", r.firstPointer());
  }

  @Test
  void aKnownTypeOnAnotherTypesPath() throws Exception {
    ObjectNode m = switchRequest("SUPA").put("eventType", "WithdrawalRequest");
    assertRejected(h.postSigned(SWITCH, m), 400, "EVENT_TYPE_MISMATCH", m);
  }

  @Test
  void unsupportedMediaType() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    Harness.Response r = h.send(HttpMethod.POST, SWITCH, Map.of("Content-Type", "text/plain",
        MessageSigner.SIGNATURE_HEADER, signAs("SUPA", bytes(m))), bytes(m));
    assertRejected(r, 415, "UNSUPPORTED_MEDIA_TYPE", null);
  }

  @Test
  void aRejectedEventIdIsStillFreeForACorrectMessage() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    String sig = signAs("SUPA", bytes(m));
    ((ObjectNode) m.get("data")).put("mpxn", "1200023305968");
    assertEquals(401, postDetached(bytes(m), sig).status());

    Harness.Response ok = h.postSigned(SWITCH, m);
    assertEquals(202, ok.status(), ok.body());
    assertFalse(ok.headers().containsKey("x-duplicate"), "the rejection left no idempotency record");
    acceptedBefore++;
  }

  /** Signs exactly {@code body} as SUPA and posts it. */
  private static Harness.Response postSignedBytes(byte[] body) throws Exception {
    return postDetached(body, signAs("SUPA", body));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void aTrailingLineBreakDoesNotPassAPattern() throws Exception {
    for (String end : List.of("\n", "\r\n", "\u2028")) {
      ObjectNode m = switchRequest("SUPA");
      ((ObjectNode) m.get("data")).put("mpxn", "1200023305967" + end);
      Harness.Response r = h.postSigned(SWITCH, m);
      assertRejected(r, 422, "SCHEMA_PATTERN", m);
      assertEquals("/data/mpxn", r.firstPointer());
    }
  }

  @Test
  void bytesAfterTheJsonValueAreMalformed() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    Harness.Response r = postSignedBytes(concat(bytes(m), "}}garbage".getBytes(StandardCharsets.UTF_8)));
    assertRejected(r, 400, "MALFORMED_JSON", null);
    assertTrue(r.firstErrorMessage().contains("line 1"), r.body());
  }

  @Test
  void aKeyTwiceInOneObjectIsRefusedEvenWhenSigned() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    String json = m.toString().replaceFirst("\\{", "{\"senderMpid\":\"SUPB\",");
    Harness.Response r = postSignedBytes(json.getBytes(StandardCharsets.UTF_8));
    assertRejected(r, 400, "DUPLICATE_JSON_KEY", null);
    assertTrue(r.firstErrorMessage().contains("senderMpid"), r.body());
  }

  @Test
  void bodiesThatAreNotUtf8AreRefusedWithTheByte() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    byte[] good = bytes(m);
    int at = m.toString().indexOf("REF-1") + 3;   // inside supplierGeneratedReference
    byte[] overlong = concat(concat(Arrays.copyOf(good, at), new byte[] {(byte) 0xC0, (byte) 0xAF}),
        Arrays.copyOfRange(good, at, good.length));
    byte[] surrogate = concat(concat(Arrays.copyOf(good, at), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
        Arrays.copyOfRange(good, at, good.length));
    for (byte[] body : List.of(overlong, surrogate)) {
      Harness.Response r = postSignedBytes(body);
      assertRejected(r, 400, "BODY_NOT_UTF8", null);
      assertTrue(r.firstErrorMessage().contains("at byte " + at), r.body());
    }
    Harness.Response utf16 = postSignedBytes(m.toString().getBytes(StandardCharsets.UTF_16LE));
    assertRejected(utf16, 400, "BODY_NOT_UTF8", null);
    Harness.Response bom = postSignedBytes(m.toString().getBytes(StandardCharsets.UTF_16));
    assertRejected(bom, 400, "BODY_NOT_UTF8", null);
  }

  @Test
  void anUnencodedPayloadMustBeDeclaredCritical() throws Exception {
    ObjectNode m = switchRequest("SUPA");
    JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(h.party("SUPA").signingKid())
        .base64URLEncodePayload(false).build(), new Payload(bytes(m)));
    jws.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) h.party("SUPA").signingKey()));
    Harness.Response r = postDetached(bytes(m), jws.serialize(true));
    assertRejected(r, 401, "SIGNATURE_MALFORMED", m);
    assertTrue(r.firstErrorMessage().contains("crit"), r.body());
  }

  @Test
  void overLongValuesAreJournaledCutAndTheStoreStaysHealthy() throws Exception {
    long committed = h.sim.store().status().committed();
    ObjectNode m = switchRequest("SUPA").put("eventId", "e".repeat(300)).put("senderMpid", "S".repeat(100));
    assertEquals(400, postSignedBytes(bytes(m)).status());
    Harness.Response odd = h.send(HttpMethod.valueOf("ABCDEFGHIJKLMNOPQRST"), SWITCH + "/" + "p".repeat(3000), Map.of(), null);
    assertEquals(404, odd.status(), odd.body());
    Harness.eventually(() -> h.sim.store().status().committed() + h.sim.store().status().failedWrites() >= committed + 2,
        "both rejections written (or failed)");
    List<JournalEntry> all = Harness.await(h.sim.journal().query(org.csssim.internal.journal.JournalQuery.all(100_000)));
    // twenty e's: a random eventId of another test begins with "eee" once in 4,096
    JournalEntry cutId = all.stream().filter(e -> e.eventId() != null && e.eventId().startsWith("e".repeat(20)))
        .findFirst().orElseThrow();
    assertEquals(256, cutId.eventId().length());
    assertTrue(cutId.eventId().endsWith("\u2026"), "marked as cut");
    JournalEntry cutMethod = all.stream().filter(e -> e.method() != null && e.method().startsWith("ABCDEFGHIJKLMNO"))
        .findFirst().orElseThrow();
    assertEquals("ABCDEFGHIJKLMNO\u2026", cutMethod.method());
    assertEquals(2048, cutMethod.path().length());
    Harness.Response health = h.send(HttpMethod.GET, "/health", Map.of(), null);
    assertEquals("UP", health.json().getJsonObject("checks").getJsonObject("store").getString("status"), health.body());
    assertEquals(0L, health.json().getJsonObject("checks").getJsonObject("store").getLong("failedWrites"), health.body());
  }

  @Test
  void aBodyOverTheLimitClosesTheConnectionSoTheRestIsNotRead() throws Exception {
    try (RawHttps raw = RawHttps.open(h)) {
      raw.send("POST " + SWITCH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 52428800\r\n\r\n");
      raw.send(new byte[64 * 1024]);   // the start of the 50 MiB; the limit is known from the header
      RawHttps.Answer answer = raw.answer();
      assertEquals(413, answer.status(), answer.text());
      assertEquals("close", answer.headers().get("connection"));
      assertTrue(raw.closedWithin(5_000), "closed after the answer, not reading the other 49 MiB");
    }
  }

  @Test
  void contentLengthWithTransferEncodingIsRefusedAndTheConnectionClosed() throws Exception {
    try (RawHttps raw = RawHttps.open(h)) {
      raw.send("POST " + SWITCH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
      RawHttps.Answer answer = raw.answer();
      assertEquals(400, answer.status(), answer.text());
      assertEquals("REQUEST_FRAMING_AMBIGUOUS", new io.vertx.core.json.JsonObject(answer.body()).getJsonArray("errors")
          .getJsonObject(0).getString("code"));
      assertTrue(raw.closedWithin(5_000), "RFC 9112 6.3: a request framed two ways is answered, then the connection closed");
    }
  }
}
