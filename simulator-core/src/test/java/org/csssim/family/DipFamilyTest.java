package org.csssim.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.csssim.internal.config.ConfigLoader;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.party.Mode;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.scenario.ScenarioOptions;
import org.csssim.testing.Harness;
import org.csssim.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MHHS DIP as a second interface family, run from samples/dip.yaml and its catalogue and
 * pack alone: a change-of-supplier request signed by X-DIP-* headers, sent in a batch body,
 * goes through the intake, the simulated DIP's delivery, the simulated Registration Service's
 * scenario, and comes back to the supplier's webhook as a publication signed by the DIP. Both
 * signatures are made and checked here by Bouncy Castle's RSA signer, not by the simulator's.
 */
class DipFamilyTest {
  private static final String SEND = "/dip/v1/messages";
  private static final String MPAN = "1221000000007";       // registered to SUPB in the pack's seed
  private static Harness h;
  private static Vertx vertx;
  private static HttpServer receiver;
  private static final List<Delivery> delivered = new CopyOnWriteArrayList<>();

  /** One webhook the supplier's system received: the URL it was sent to, its headers and body. */
  record Delivery(String url, Map<String, String> headers, byte[] body) {}

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("css-dip");
    SimulatorConfig dip = ConfigLoader.load(Path.of("../samples/dip.yaml"), Map.of());
    h = Harness.start(dir, c -> dip.withDataDir(c.dataDir()).withListener(c.listener()));
    vertx = Vertx.vertx();
    receiver = Harness.await(vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(dir.resolve("pki/tls.crt").toString())
                .setKeyPath(dir.resolve("pki/tls.key").toString())))
        .requestHandler(req -> req.body().onSuccess(body -> {
          Map<String, String> headers = new LinkedHashMap<>();
          req.headers().forEach(e -> headers.put(e.getKey().toLowerCase(), e.getValue()));
          delivered.add(new Delivery("https://" + req.authority() + req.uri(), headers, body.getBytes()));
          req.response().setStatusCode(204).end();
        }))
        .listen());
    Harness.Response hook = h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"https://localhost:"
        + receiver.actualPort() + "/dip/webhook\",\"reason\":\"DipFamilyTest\"}");
    assertEquals(201, hook.status(), hook.body());
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
    Harness.await(vertx.close());
  }

  @Test
  void aChangeOfSupplierGoesThroughTheDipAndComesBackSignedByIt() throws Exception {
    String id = UUID.randomUUID().toString();
    byte[] body = batch(request(id, MPAN, "SUPA", LocalDate.now(ZoneId.of("Europe/London")).plusDays(7)));
    Harness.Response answer = post(body, "SUPA", Instant.now());
    assertEquals(201, answer.status(), answer.body());
    JsonNode ack = Harness.JSON.readTree(answer.body());
    assertEquals(1, ack.size());
    assertEquals("Accepted", ack.get(0).path("status").asText());
    assertEquals(id, ack.get(0).path("senderUniqueReference").asText());
    assertEquals("IF-REF01", ack.get(0).path("interfaceID").asText());

    Harness.eventually(() -> delivered.stream().anyMatch(d -> new String(d.body(), StandardCharsets.UTF_8)
        .contains(id) && new String(d.body(), StandardCharsets.UTF_8).contains("PUB-REF01")), "PUB-REF01 at SUPA's webhook");
    Delivery d = delivered.stream().filter(x -> new String(x.body(), StandardCharsets.UTF_8).contains(id)).findFirst()
        .orElseThrow();
    X509Certificate dipCertificate = Pem.readCertificate(h.dataDir.resolve("pki/parties/DIP.crt"));
    assertTrue(verifiedByBouncyCastle(d, dipCertificate), "the webhook's X-DIP-Signature verifies with the DIP's key");

    JsonNode delivery = Harness.JSON.readTree(d.body());
    assertTrue(delivery.isArray() && delivery.size() == 1, "a batch of one");
    JsonNode pub = delivery.get(0).path("payload");
    assertEquals("PUB-REF01", pub.at("/CommonBlock/S0/interfaceID").asText());
    assertEquals("REGS", pub.at("/CommonBlock/S1/senderDIPID").asText());
    assertEquals(id, pub.at("/CommonBlock/S1/senderCorrelationID").asText(), "the flow's correlation id");
    assertEquals("SUPA", pub.at("/CommonBlock/A0/primaryRecipients/0").asText());
    assertEquals("SUPB", pub.at("/CommonBlock/A0/secondaryRecipients/0").asText());
    assertFalse(pub.at("/CommonBlock/D0/transactionID").asText().isEmpty(), "the DIP stamps D0");
    assertEquals(MPAN, pub.at("/CommonBlock/M0/MPANCore").asText());
    assertEquals("SUPB", pub.at("/CustomBlock/losingSupplierID").asText());

    // the channel's other recipients: the losing supplier (addressed), the distributor and the
    // data service (always), each from the DIP; the request reached the Registration Service
    String published = pub.at("/CommonBlock/S1/senderUniqueReference").asText();
    Map<String, String> from = new LinkedHashMap<>();
    for (JournalEntry e : Harness.await(h.sim.journal().query(JournalQuery.byEventId(published)))) {
      if (e.direction() == JournalEntry.Direction.OUT) {
        from.put(e.recipientMpid(), e.senderMpid());
      }
    }
    assertEquals(Map.of("DIP", "REGS", "SUPA", "DIP", "SUPB", "DIP", "LDSOA", "DIP", "DSA", "DIP"), from);
    assertTrue(Harness.await(h.sim.journal().query(JournalQuery.byEventId(id))).stream()
        .anyMatch(e -> "REGS".equals(e.recipientMpid()) && "DIP".equals(e.senderMpid())), "DIP delivered it to REGS");
    assertEquals("SUPA", h.sim.registrations().meterPoint(MPAN).orElseThrow().attributes().get("supplierMpid"));
  }

  @Test
  void aReplayIsAnsweredAsBeforeAndABatchIsAcceptedWhole() throws Exception {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    LocalDate date = LocalDate.now(ZoneId.of("Europe/London")).plusDays(10);
    ObjectNode good = request(first, "1121000079191", "SUPA", date);
    ObjectNode bad = request(second, "1181000158381", "SUPA", date);
    ((ObjectNode) bad.at("/CommonBlock/S1")).remove("senderDIPID");
    Harness.Response refused = post(batch(good, bad), "SUPA", Instant.now());
    assertEquals(400, refused.status(), refused.body());
    assertEquals("ENVELOPE_FIELD_MISSING", refused.firstErrorCode());
    assertEquals("/1/payload/CommonBlock/S1/senderDIPID", refused.firstPointer());

    byte[] alone = batch(good);
    Harness.Response accepted = post(alone, "SUPA", Instant.now());
    assertEquals(201, accepted.status(), "the good message was not taken with the refused batch: " + accepted.body());
    assertEquals(null, accepted.headers().get("x-duplicate"));
    Harness.Response again = post(alone, "SUPA", Instant.now());
    assertEquals(201, again.status(), again.body());
    assertEquals("true", again.headers().get("x-duplicate"));
    assertEquals(accepted.body(), again.body());
  }

  @Test
  void badSignaturesAreRefusedWithTheirOwnCodes() throws Exception {
    byte[] body = batch(request(UUID.randomUUID().toString(), "1211000237573", "SUPA",
        LocalDate.now(ZoneId.of("Europe/London")).plusDays(5)));
    Harness.Response stale = post(body, "SUPA", Instant.now().minus(20, ChronoUnit.MINUTES));
    assertEquals(401, stale.status());
    assertEquals("SIGNATURE_DATE_INVALID", stale.firstErrorCode());

    Map<String, String> headers = signedHeaders(body, "SUPA", Instant.now());
    headers.put("X-DIP-Content-Hash", Base64.getEncoder().encodeToString(new byte[32]));
    Harness.Response digest = h.send(HttpMethod.POST, SEND, headers, body);
    assertEquals(401, digest.status());
    assertEquals("CONTENT_DIGEST_MISMATCH", digest.firstErrorCode());

    Map<String, String> unsigned = signedHeaders(body, "SUPA", Instant.now());
    unsigned.remove("X-DIP-Signature");
    assertEquals("SIGNATURE_MISSING", h.send(HttpMethod.POST, SEND, unsigned, body).firstErrorCode());

    Harness.Response otherSender = post(body, "SUPB", Instant.now());   // SUPB's key, SUPA's message
    assertEquals(401, otherSender.status());
    assertEquals("SIGNATURE_SENDER_MISMATCH", otherSender.firstErrorCode());
    assertEquals("/0/payload/CommonBlock/S1/senderDIPID", otherSender.firstPointer());

    byte[] notABatch = request(UUID.randomUUID().toString(), MPAN, "SUPA", LocalDate.now()).toString()
        .getBytes(StandardCharsets.UTF_8);
    Harness.Response single = post(notABatch, "SUPA", Instant.now());
    assertEquals(400, single.status());
    assertEquals("BATCH_INVALID", single.firstErrorCode());
  }

  @Test
  void aSchemaViolationNamesItsPlaceInTheBatch() throws Exception {
    ObjectNode m = request(UUID.randomUUID().toString(), MPAN, "SUPA", LocalDate.now().plusDays(3));
    ((ObjectNode) m.get("CustomBlock")).put("registrationType", "Teleport");
    Harness.Response r = post(batch(m), "SUPA", Instant.now());
    assertEquals(422, r.status(), r.body());
    assertEquals("SCHEMA_ENUM", r.firstErrorCode());
    assertEquals("/0/payload/CustomBlock/registrationType", r.firstPointer());
  }

  /** docs/dip.md's way of sending one: samples/dip/send.sh, with openssl and curl alone (.ci/run installs both). */
  @Test
  void theShellSampleSignsAMessageTheDipTakes() throws Exception {
    // the sample as shipped, for a meter point no other test registers
    Path body = Files.createTempFile("IF-REF01", ".json");
    Files.writeString(body, Files.readString(Path.of("../samples/dip/IF-REF01.json")).replace(MPAN, "1181000158381"));
    ProcessBuilder pb = new ProcessBuilder("sh", "../samples/dip/send.sh", body.toString(), "SUPA", h.baseUrl() + SEND)
        .redirectErrorStream(true);
    pb.environment().put("PKI", h.dataDir.resolve("pki").toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(out.contains("HTTP 201") && out.contains("\"status\":\"Accepted\"") && out.contains("IF-REF01"), out);
  }

  @Test
  void versionNamesTheDipCatalogue() throws Exception {
    JsonNode v = Harness.JSON.readTree(h.send(HttpMethod.GET, "/version", Map.of(), null).body());
    assertEquals("MHHS DIP reference catalogue", v.at("/catalogue/name").asText(), v.toString());
    assertEquals("DIP", v.at("/catalogue/receiver").asText());
  }

  /**
   * The other way round (SIT): a real DIP at a URL, the simulator playing SUPA behind it. The
   * DIP's webhook carries REGS's publication signed by the DIP, which the catalogue's {@code
   * relays} allows; the same publication signed by anyone else is refused.
   */
  @Test
  void behindAPhysicalDipASimulatedSupplierTakesItsRelayedWebhooks() throws Exception {
    Path dir = Files.createTempDirectory("css-dip-sit");
    SimulatorConfig dip = ConfigLoader.load(Path.of("../samples/dip.yaml"), Map.of());
    try (Harness sit = Harness.start(dir, c -> dip.withDataDir(c.dataDir()).withListener(c.listener())
        .withParties(dip.parties().stream().map(p -> p.mpid().equals("DIP") ? p.withMode(Mode.physical)
            : p.mpid().equals("SUPA") ? p.withMode(Mode.simulated) : p).toList()))) {
      ObjectNode pub = request(UUID.randomUUID().toString(), MPAN, "REGS", LocalDate.now().plusDays(7));
      ((ObjectNode) pub.at("/CommonBlock/S0")).put("interfaceID", "PUB-REF01");
      ((ObjectNode) pub.at("/CommonBlock/S1")).put("senderRoleID", "RegistrationService");
      pub.put("CustomBlock", Harness.JSON.createObjectNode().put("registrationID", "R1")
          .put("effectiveFromDate", LocalDate.now().plusDays(7).toString()).put("gainingSupplierID", "SUPA"));
      ((ObjectNode) pub.at("/CommonBlock/A0")).putArray("primaryRecipients").add("SUPA");
      byte[] body = batch(pub);
      String path = "/webhooks/SUPA";
      Harness.Response taken = sit.send(HttpMethod.POST, path, signedHeaders(sit, path, body, "DIP", Instant.now()), body);
      assertEquals(201, taken.status(), taken.body());
      Harness.Response forged = sit.send(HttpMethod.POST, path, signedHeaders(sit, path, body, "SUPB", Instant.now()), body);
      assertEquals(403, forged.status(), forged.body());
      assertEquals("SENDER_NOT_PHYSICAL", forged.firstErrorCode());
    }
  }

  /** A hub's forward that its schema refuses (a D0 member the CommonBlock has not) fails the hub's instance, journaled. */
  @Test
  void aForwardItsSchemaRefusesFailsTheHubsInstance() throws Exception {
    Path pack = TestFiles.copyTree(Path.of("../scenarios/dip-reference"), Files.createTempDirectory("dip-pack"));
    Path deliver = pack.resolve("dip/deliver.yaml");
    Files.writeString(deliver, Files.readString(deliver).replace("replayIndicator: false", "replayIndicator: false\n            hop: 1"));
    SimulatorConfig dip = ConfigLoader.load(Path.of("../samples/dip.yaml"), Map.of());
    try (Harness broken = Harness.start(Files.createTempDirectory("css-dip-broken"), c -> dip.withDataDir(c.dataDir())
        .withListener(c.listener()).withScenarios(new ScenarioOptions(pack.resolve("pack.yaml").toString())))) {
      String id = UUID.randomUUID().toString();
      byte[] body = batch(request(id, MPAN, "SUPA", LocalDate.now(ZoneId.of("Europe/London")).plusDays(7)));
      assertEquals(201, broken.send(HttpMethod.POST, SEND, signedHeaders(broken, SEND, body, "SUPA", Instant.now()), body)
          .status());
      Harness.eventually(() -> failedForward(broken, id).isPresent(), "the forward refused and journaled");
      JournalEntry refused = failedForward(broken, id).orElseThrow();
      assertEquals("DIP", refused.senderMpid());
      assertEquals("REGS", refused.recipientMpid());
      assertTrue(refused.errors().stream().anyMatch(e -> e.pointer().startsWith("/CommonBlock/D0")), refused.errors().toString());
      assertTrue(Harness.await(broken.sim.engine().instances(100, true)).stream()
          .anyMatch(v -> v.scenario().equals("dip-deliver") && v.status().equals("failed")
              && v.error().contains("refused by its schema")), "the hub's instance failed");
    }
  }

  private static java.util.Optional<JournalEntry> failedForward(Harness h, String eventId) {
    try {
      return Harness.await(h.sim.journal().query(JournalQuery.byEventId(eventId))).stream()
          .filter(e -> e.outcome() == JournalEntry.Outcome.FAILED).findFirst();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- the test's own DIP client: Bouncy Castle signs and verifies, not the simulator ----

  private static ObjectNode request(String id, String mpan, String sender, LocalDate from) {
    ObjectNode payload = Harness.JSON.createObjectNode();
    ObjectNode common = payload.putObject("CommonBlock");
    common.putObject("S0").put("interfaceID", "IF-REF01").put("schemaVersion", "1.0").put("eventCode", "ChangeOfSupplier");
    common.putObject("S1").put("environmentTag", "PIT").put("senderUniqueReference", id)
        .put("senderTimestamp", Instant.now().toString()).put("senderDIPID", sender).put("senderRoleID", "Supplier")
        .put("senderCorrelationID", id);
    common.putObject("A0").putArray("primaryRecipients").add("REGS");
    common.putObject("M0").put("MPANCore", mpan);
    payload.putObject("CustomBlock").put("effectiveFromDate", from.toString()).put("registrationType", "ChangeOfSupplier");
    return payload;
  }

  private static byte[] batch(ObjectNode... payloads) {
    ArrayNode body = Harness.JSON.createArrayNode();
    for (ObjectNode p : payloads) {
      body.addObject().set("payload", p);
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static Harness.Response post(byte[] body, String signer, Instant at) throws Exception {
    return h.send(HttpMethod.POST, SEND, signedHeaders(body, signer, at), body);
  }

  private static Map<String, String> signedHeaders(byte[] body, String signer, Instant at) throws Exception {
    return signedHeaders(h, SEND, body, signer, at);
  }

  private static Map<String, String> signedHeaders(Harness h, String path, byte[] body, String signer, Instant at)
      throws Exception {
    String date = at.toString();
    String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    String url = (h.baseUrl() + path).toLowerCase();
    RSADigestSigner rsa = new RSADigestSigner(new SHA256Digest());
    rsa.init(true, PrivateKeyFactory.createKey(Pem.readPrivateKey(h.dataDir.resolve("pki/parties/" + signer + ".key"))
        .getEncoded()));
    byte[] text = ("POST;" + url + ";" + date + ";" + hash).getBytes(StandardCharsets.UTF_8);
    rsa.update(text, 0, text.length);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-DIP-Signature-Date", date);
    headers.put("X-DIP-Content-Hash", hash);
    headers.put("X-DIP-Signature-Certificate", Base64.getEncoder().encodeToString(
        Files.readAllBytes(h.dataDir.resolve("pki/parties/" + signer + ".crt"))));
    headers.put("X-DIP-Signature", Base64.getEncoder().encodeToString(rsa.generateSignature()));
    return headers;
  }

  /** The webhook's signature as a DIP participant checks it: digest, certificate, then RSA over the canonical string. */
  private static boolean verifiedByBouncyCastle(Delivery d, X509Certificate expected) throws Exception {
    String hash = d.headers().get("x-dip-content-hash");
    assertEquals(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(d.body())), hash);
    X509Certificate sent = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(Base64.getDecoder().decode(d.headers().get("x-dip-signature-certificate"))));
    assertEquals(expected, sent, "the DIP's certificate");
    String date = d.headers().get("x-dip-signature-date");
    assertNotNull(date);
    assertTrue(Math.abs(ChronoUnit.SECONDS.between(Instant.parse(date), Instant.now())) < 60, date);
    RSADigestSigner rsa = new RSADigestSigner(new SHA256Digest());
    rsa.init(false, PublicKeyFactory.createKey(sent.getPublicKey().getEncoded()));
    byte[] text = ("POST;" + d.url().toLowerCase() + ";" + date + ";" + hash).getBytes(StandardCharsets.UTF_8);
    rsa.update(text, 0, text.length);
    return rsa.verifySignature(Base64.getDecoder().decode(d.headers().get("x-dip-signature")));
  }
}
