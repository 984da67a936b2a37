package org.csssim.internal.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.pki.Pem;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connectivity test against real peers on loopback: this simulator as the CSS, webhook
 * receivers of the test's own, a JDK server that speaks only TLS 1.1, and a DNS responder on
 * 127.0.0.1 (no test asks the machine's resolver).
 */
class ConnectivityTesterTest {
  private static Harness h;
  private static Vertx vertx;
  private static Catalogue catalogue;
  private static Path pki;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.start(c -> c.withStore(org.csssim.internal.store.StoreOptions.memory()));
    vertx = Vertx.vertx();
    catalogue = h.sim.catalogue();
    pki = h.dataDir.resolve("pki");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    h.close();
  }

  /** A plan with the defaults the command takes from the harness's data directory. */
  private static final class Plan {
    ConnectivityPlan.Direction direction = ConnectivityPlan.Direction.TO_CSS;
    String target = h.baseUrl();
    String signer = "SUPA";
    Path certificate;
    Path key;
    Path trust = pki.resolve("ca.crt");
    String dns;
    Duration timeout = Duration.ofSeconds(5);
    String adminToken = h.sim.adminToken().value();
    String cssKeys;
    String participantCertificate;
    Catalogue family = catalogue;

    ConnectivityReport run() throws Exception {
      ConnectivityPlan p = new ConnectivityPlan(direction, new URI(target), "SUPA", "CSS",
          certificate != null ? certificate : pki.resolve("parties/" + signer + ".crt"),
          key != null ? key : pki.resolve("parties/" + signer + ".key"), trust, ConnectivityPlan.resolver(dns), timeout,
          Duration.ofSeconds(15), adminToken, "127.0.0.1", 0, pki.resolve("tls.crt"), pki.resolve("tls.key"), cssKeys,
          participantCertificate, null, null);
      return new ConnectivityTest(p, family, vertx, Clock.systemUTC()).run();
    }
  }

  private static Step step(ConnectivityReport r, String name) {
    return r.steps().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no step " + name + " in\n" + r.toText()));
  }

  @Test
  void everyPhasePassesAgainstThisSimulator() throws Exception {
    ConnectivityReport r = new Plan().run();

    assertTrue(r.steps().stream().allMatch(s -> s.status() == Step.Status.PASS), r.toText());
    assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4), r.steps().stream().map(Step::phase).toList());
    assertEquals(0, r.exitStatus());
    assertTrue(step(r, "TLS 1.3 handshake").seen().startsWith("TLSv1.3"), step(r, "TLS 1.3 handshake").seen());
    assertEquals("TLS 1.1 and TLS 1.0 refused", step(r, "TLS 1.1 and below refused").seen());
    assertTrue(step(r, "RegistrationValidationNotification arrives").seen().contains("(Rejected, UNKNOWN_MPXN)"), step(r, "RegistrationValidationNotification arrives").seen());
    assertTrue(step(r, "RegistrationValidationNotification signed by a key the CSS publishes").seen().contains("(CSS)"), step(r, "RegistrationValidationNotification signed by a key the CSS publishes").seen());
    assertTrue(r.toJunitXml().contains("tests=\"21\" failures=\"0\" skipped=\"0\""), r.toJunitXml());
    assertTrue(new JsonObject(r.toJson()).getBoolean("passed"));
    // the receiver's webhook was registered for the test only
    assertFalse(h.admin(HttpMethod.GET, "/webhooks", null).body().contains("/callbacks/SUPA"), h.admin(HttpMethod.GET, "/webhooks", null).body());
  }

  @Test
  void aFamilyWhoseMessagesTheTestDoesNotSpeakFailsTheExchangeAndStillTestsTheConnection() throws Exception {
    Plan p = new Plan();
    p.family = Catalogue.load(new org.csssim.internal.yaml.Location("classpath:catalogue/dip-reference/catalogue.yaml"));
    ConnectivityReport r = p.run();
    Step exchange = step(r, "message exchange");
    assertEquals(Step.Status.FAIL, exchange.status());
    assertTrue(exchange.seen().contains("signs with X-DIP-Signature headers and sends batch bodies"), exchange.seen());
    assertEquals(Step.Status.PASS, step(r, "TLS 1.3 handshake").status(), r.toText());
    assertTrue(r.steps().stream().filter(s -> s.phase() == 4).allMatch(s -> s.status() == Step.Status.SKIP), r.toText());
    assertEquals(1, r.exitStatus());
  }

  @Test
  void aNameThatDoesNotResolveFailsAndSkipsWhatNeedsIt() throws Exception {
    try (LoopbackDns dns = new LoopbackDns(Map.of("css.test", "127.0.0.1"))) {
      Plan p = new Plan();
      p.dns = dns.address();
      p.target = "https://nowhere.test:" + h.sim.port();
      ConnectivityReport r = p.run();

      Step s = step(r, "service name resolves");
      assertEquals(Step.Status.FAIL, s.status());
      assertEquals("nowhere.test does not exist (NXDOMAIN) at the resolver at " + dns.address(), s.seen());
      assertEquals(Step.Status.SKIP, step(r, "TCP connection").status());
      assertEquals(1, r.exitStatus());
    }
  }

  @Test
  void aCertificateForAnotherNameFailsTheNameCheck() throws Exception {
    try (LoopbackDns dns = new LoopbackDns(Map.of("css.test", "127.0.0.1"))) {
      Plan p = new Plan();
      p.dns = dns.address();
      p.target = "https://css.test:" + h.sim.port();
      ConnectivityReport r = p.run();

      assertTrue(step(r, "service name resolves").seen().startsWith("css.test → [127.0.0.1]"), step(r, "service name resolves").seen());
      assertEquals(Step.Status.PASS, step(r, "TLS 1.3 handshake").status());
      Step name = step(r, "service name in the certificate");
      assertEquals(Step.Status.FAIL, name.status());
      assertEquals("the certificate names localhost, 127.0.0.1, 0:0:0:0:0:0:0:1, not css.test", name.seen());
      assertTrue(name.fix().contains("issue the server's certificate for css.test"), name.fix());
      // phase 4 reached the simulator by the address DNS gave, and the host check refused it
      assertEquals(Step.Status.FAIL, step(r, "signed SwitchRequest acknowledged").status());
    }
  }

  @Test
  void nothingListeningFailsTheConnection() throws Exception {
    int free;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      free = s.getLocalPort();
    }
    Plan p = new Plan();
    p.target = "https://127.0.0.1:" + free;
    ConnectivityReport r = p.run();

    Step tcp = step(r, "TCP connection on port " + free);
    assertEquals(Step.Status.FAIL, tcp.status());
    assertEquals("127.0.0.1: nothing is listening (connection refused)", tcp.seen());
    assertEquals(Step.Status.SKIP, step(r, "TLS 1.3 handshake").status());
    assertEquals(Step.Status.SKIP, step(r, "signed SwitchRequest acknowledged").status());
  }

  @Test
  void anExpiredCertificateAndAnUntrustedChainAreNamed() throws Exception {
    Path dir = Files.createTempDirectory("conn-certs");
    X509Certificate ca = Pem.readCertificate(pki.resolve("ca.crt"));
    TestCertificates.Issued expired = TestCertificates.server(dir, "expired", ca, Pem.readPrivateKey(pki.resolve("ca.key")),
        Instant.now().minus(Duration.ofDays(40)), Instant.now().minus(Duration.ofDays(2)));
    HttpServer server = https(expired.certificate(), expired.key(), 204, false);
    try {
      Plan p = new Plan();
      p.target = "https://localhost:" + server.actualPort();
      ConnectivityReport r = p.run();
      assertEquals(Step.Status.FAIL, step(r, "certificate expiry").status());
      assertTrue(step(r, "certificate expiry").seen().startsWith("the server's certificate expired on "
          + expired.cert().getNotAfter().toInstant()), step(r, "certificate expiry").seen());
      assertTrue(step(r, "certificate chain").seen().startsWith("a certificate in the chain has expired"), step(r, "certificate chain").seen());

      Plan untrusted = new Plan();
      untrusted.target = h.baseUrl();
      untrusted.trust = TestCertificates.otherCa(dir).certificate();
      ConnectivityReport u = untrusted.run();
      Step chain = step(u, "certificate chain");
      assertEquals(Step.Status.FAIL, chain.status());
      assertTrue(chain.seen().startsWith("the chain does not lead to a CA in the trust given: it ends at CN=localhost"), chain.seen());
      assertEquals(Step.Status.FAIL, step(u, "signing certificate issued by the trust").status());
    } finally {
      server.close();
    }
  }

  @Test
  void aServerThatSpeaksOnlyTls11FailsEveryTlsStep() throws Exception {
    Path dir = Files.createTempDirectory("tls11");
    Path store = dir.resolve("server.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", Pem.readPrivateKey(pki.resolve("tls.key")), "secret".toCharArray(),
        new X509Certificate[] {Pem.readCertificate(pki.resolve("tls.crt"))});
    try (var out = Files.newOutputStream(store)) {
      ks.store(out, "secret".toCharArray());
    }
    // the JDK's own default, less TLSv1 and TLSv1.1, so that this JVM may offer them
    Path security = dir.resolve("java.security");
    Files.writeString(security, "jdk.tls.disabledAlgorithms=SSLv3, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224,"
        + " 3DES_EDE_CBC, anon, NULL\n");
    Path portFile = dir.resolve("port");
    Path source = Path.of(ConnectivityTesterTest.class.getResource("/connectivity/Tls11Server.java").toURI());
    Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.security.properties=" + security, source.toString(), store.toString(), "secret", portFile.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    try {
      Harness.eventually(() -> Files.exists(portFile) || !server.isAlive(), "the TLS 1.1 server to start");
      assertTrue(server.isAlive(), "the TLS 1.1 server runs");
      Plan p = new Plan();
      p.target = "https://localhost:" + Files.readString(portFile).trim();
      ConnectivityReport r = p.run();

      assertEquals(Step.Status.FAIL, step(r, "TLS 1.3 handshake").status());
      assertEquals(Step.Status.FAIL, step(r, "TLS 1.2 handshake").status());
      Step legacy = step(r, "TLS 1.1 and below refused");
      assertEquals(Step.Status.FAIL, legacy.status(), r.toText());
      assertEquals("the server accepts TLS 1.1", legacy.seen());
      assertEquals("no TLS handshake succeeded", step(r, "certificate chain").seen());
    } finally {
      server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theOperatorsViewSendsASignedNotificationAndNamesAWebhookThatFailsOrHangs() throws Exception {
    List<String[]> received = new CopyOnWriteArrayList<>();
    HttpServer ok = https(pki.resolve("tls.crt"), pki.resolve("tls.key"), 204, false, received);
    HttpServer failing = https(pki.resolve("tls.crt"), pki.resolve("tls.key"), 500, false);
    HttpServer hanging = https(pki.resolve("tls.crt"), pki.resolve("tls.key"), 0, true);
    try {
      Plan p = new Plan();
      p.direction = ConnectivityPlan.Direction.TO_PARTICIPANT;
      p.signer = "CSS";
      p.participantCertificate = pki.resolve("parties/SUPA.crt").toString();
      p.target = "https://localhost:" + ok.actualPort() + "/hooks/css";
      ConnectivityReport r = p.run();
      assertTrue(r.steps().stream().allMatch(s -> s.status() == Step.Status.PASS), r.toText());
      assertTrue(step(r, "signed RegistrationPendingNotification acknowledged 2xx").seen().startsWith("204 in "), step(r, "signed RegistrationPendingNotification acknowledged 2xx").seen());
      // the notification is signed by CSS's key, as an independent verifier (nimbus) sees it
      assertEquals(1, received.size());
      String[] parts = received.get(0)[1].split("\\.", -1);
      JWSObject jws = new JWSObject(new Base64URL(parts[0]), new Payload(received.get(0)[0]), new Base64URL(parts[2]));
      ECPublicKey cssKey = (ECPublicKey) Pem.readCertificate(pki.resolve("parties/CSS.crt")).getPublicKey();
      assertTrue(jws.verify(new ECDSAVerifier(cssKey)));
      assertEquals("CSS", new JsonObject(received.get(0)[0]).getString("senderMpid"));

      p.target = "https://localhost:" + failing.actualPort() + "/hooks/css";
      Step answered = step(p.run(), "signed RegistrationPendingNotification acknowledged 2xx");
      assertEquals(Step.Status.FAIL, answered.status());
      assertEquals("the webhook answered 500: refused", answered.seen());

      p.target = "https://localhost:" + hanging.actualPort() + "/hooks/css";
      p.timeout = Duration.ofSeconds(2);
      ConnectivityReport hung = p.run();
      Step silent = step(hung, "signed RegistrationPendingNotification acknowledged 2xx");
      assertEquals(Step.Status.FAIL, silent.status());
      assertTrue(silent.seen().startsWith("no answer"), silent.seen());
      assertEquals(Step.Status.PASS, step(hung, "TLS 1.3 handshake").status());   // the run went on around it
    } finally {
      ok.close();
      failing.close();
      hanging.close();
    }
  }

  @Test
  void aNotificationSignedByAKeyTheCssDoesNotPublishFails() throws Exception {
    Plan p = new Plan();
    p.cssKeys = pki.resolve("parties/SUPB.crt").toString();
    ConnectivityReport r = p.run();

    Step signed = step(r, "RegistrationValidationNotification signed by a key the CSS publishes");
    assertEquals(Step.Status.FAIL, signed.status(), r.toText());
    assertTrue(signed.seen().startsWith("the signature does not verify against the keys CSS publishes"), signed.seen());
  }

  @Test
  void aSigningKeyThatIsNotTheCertificatesFails() throws Exception {
    Plan p = new Plan();
    p.key = pki.resolve("parties/SUPB.key");
    ConnectivityReport r = p.run();

    Step match = step(r, "signing key matches its certificate");
    assertEquals(Step.Status.FAIL, match.status());
    assertEquals(p.key + " is not the private key of " + pki.resolve("parties/SUPA.crt") + " (kid "
        + org.csssim.internal.pki.KeyIds.kid(Pem.readCertificate(pki.resolve("parties/SUPA.crt"))) + ")", match.seen());
    Step ack = step(r, "signed SwitchRequest acknowledged");
    assertEquals(Step.Status.FAIL, ack.status());
    assertTrue(ack.seen().contains("answered 401"), ack.seen());
  }

  @Test
  void theAdminApiRunsATestAndAnswersItsReport() throws Exception {
    Harness.Response started = h.admin(HttpMethod.POST, "/connectivity-tests", "{\"timeout\":\"3s\"}");
    assertEquals(202, started.status());
    String id = started.json().getString("id");
    assertEquals("running", started.json().getString("status"));

    String[] status = new String[1];
    Harness.eventually(() -> {
      try {
        status[0] = h.admin(HttpMethod.GET, "/connectivity-tests/" + id, null).json().getString("status");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return !status[0].equals("running");
    }, "the connectivity test to end");
    JsonObject done = h.admin(HttpMethod.GET, "/connectivity-tests/" + id, null).json();
    assertEquals("passed", status[0], done.encodePrettily());
    assertEquals(21, done.getJsonObject("report").getJsonArray("steps").size());
    assertTrue(h.admin(HttpMethod.GET, "/connectivity-tests/" + id + "?format=junit", null).body().contains("failures=\"0\""), h.admin(HttpMethod.GET, "/connectivity-tests/" + id + "?format=junit", null).body());
    assertEquals(id, new io.vertx.core.json.JsonArray(h.admin(HttpMethod.GET, "/connectivity-tests", null).body()).getJsonObject(0)
        .getString("id"));

    Harness.Response bad = h.admin(HttpMethod.POST, "/connectivity-tests", "{\"direction\":\"sideways\"}");
    assertEquals(400, bad.status());
    assertEquals("direction is to-css or to-participant, not sideways", bad.firstErrorMessage());
    assertEquals(404, h.admin(HttpMethod.GET, "/connectivity-tests/nope", null).status());
  }

  private static HttpServer https(Path cert, Path key, int status, boolean hang) throws Exception {
    return https(cert, key, status, hang, new CopyOnWriteArrayList<>());
  }

  /** A webhook on loopback: answers {@code status}, or never when {@code hang}; keeps each body and its signature. */
  private static HttpServer https(Path cert, Path key, int status, boolean hang, List<String[]> received) throws Exception {
    return vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString())))
        .requestHandler(req -> req.body().onSuccess(b -> {
          received.add(new String[] {b.toString(), req.getHeader("X-JWS-Signature")});
          if (!hang) {
            req.response().setStatusCode(status).end(status == 500 ? "refused" : "");
          }
        }))
        .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
