package org.csssim.internal.connectivity;

import java.net.InetAddress;
import java.net.Socket;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.csssim.internal.catalogue.Catalogue;
import org.csssim.internal.catalogue.CatalogueSpec;
import org.csssim.internal.connectivity.Step.Outcome;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.party.Mode;
import org.csssim.internal.party.Party;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.yaml.Location;

/**
 * Runs a connectivity test (phases 1 to 4 of a physical connection) and reports every step.
 * It blocks: run it on a thread of its own (the command's, or a worker for the admin API).
 * Every step gives up after the plan's timeout and fails alone: a hung peer fails its step,
 * never the run. A step whose premise failed (no address, no handshake) is skipped and says
 * why, so the report reads from the first real problem.
 */
public final class ConnectivityTest {
  private final ConnectivityPlan plan;
  private final Catalogue catalogue;
  private final io.vertx.core.Vertx vertx;
  private final Clock clock;
  private final List<Step> steps = new ArrayList<>();
  private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "csssim-connectivity");
    t.setDaemon(true);
    return t;
  });

  // what earlier steps found, for the later ones: written on a step's thread, which may still
  // be running when its step has given up, so volatile
  private volatile List<X509Certificate> trust = List.of();
  private volatile X509Certificate certificate;
  private volatile PrivateKey key;
  private volatile Exchange exchange;
  private volatile InetAddress address;
  private volatile List<X509Certificate> chain;
  private volatile Http http;

  public ConnectivityTest(ConnectivityPlan plan, Catalogue catalogue, io.vertx.core.Vertx vertx, Clock clock) {
    this.plan = plan;
    this.catalogue = catalogue;
    this.vertx = vertx;
    this.clock = clock;
  }

  public ConnectivityReport run() {
    Instant started = clock.instant();
    try {
      environment();
      network();
      if (plan.direction() == ConnectivityPlan.Direction.TO_CSS) {
        new ParticipantSide(this).run();
      } else {
        new OperatorSide(this).run();
      }
    } finally {
      runner.shutdownNow();
      if (http != null) {
        http.close();
      }
    }
    return new ConnectivityReport(plan.direction().label(), plan.target().toString(), started, List.copyOf(steps));
  }

  /** A check: what it found. It may throw: a timeout or an unexpected error fails its step with what was thrown. */
  @FunctionalInterface
  interface Check {
    Outcome run() throws Exception;
  }

  /** Runs {@code check} within the plan's timeout (or {@code seconds}), records it, and says whether it passed or warned. */
  boolean step(int phase, String name, Check check) {
    return step(phase, name, plan.timeout(), check);
  }

  boolean step(int phase, String name, java.time.Duration timeout, Check check) {
    long start = System.nanoTime();
    Outcome o;
    Future<Outcome> f = runner.submit(check::run);
    try {
      o = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      o = Outcome.fail("no answer within " + timeout.toSeconds() + " s", "check that the far end is up and that nothing"
          + " between drops the packets (a firewall, a proxy)");
    } catch (ExecutionException e) {
      o = Failures.outcome(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      o = Outcome.fail("interrupted", null);
    }
    steps.add(new Step(phase, name, o.status(), o.seen(), o.fix(), (System.nanoTime() - start) / 1_000_000));
    return o.status() == Step.Status.PASS || o.status() == Step.Status.WARN;
  }

  void skip(int phase, String name, String why) {
    steps.add(new Step(phase, name, Step.Status.SKIP, why, null, 0));
  }

  ConnectivityPlan plan() {
    return plan;
  }

  Catalogue catalogue() {
    return catalogue;
  }

  io.vertx.core.Vertx vertx() {
    return vertx;
  }

  Clock clock() {
    return clock;
  }

  List<X509Certificate> trust() {
    return trust;
  }

  X509Certificate certificate() {
    return certificate;
  }

  PrivateKey key() {
    return key;
  }

  /** What phase 4 sends (rendered from {@code template}, null: the sample for the type) and, to the CSS, waits for. */
  record Exchange(String send, String template, String expect, Map<String, String> values) {}

  Exchange exchange() {
    return exchange;
  }

  /** True when the far end answered TLS: phase 4 can talk to it. */
  boolean reachable() {
    return chain != null;
  }

  synchronized Http http() {
    if (http == null) {
      http = new Http(trust, plan.timeout(), plan.host(), address, plan.dns());
    }
    return http;
  }

  // ---- phase 1: environment configuration ----

  private void environment() {
    boolean toCss = plan.direction() == ConnectivityPlan.Direction.TO_CSS;
    step(1, "target", () -> Outcome.pass(plan.target() + ": host " + plan.host() + ", port " + plan.port()
        + (toCss ? " (the CSS)" : " (the participant's webhook)")));
    step(1, "trust", () -> {
      trust = Pem.readCertificates(plan.trust());
      if (trust.isEmpty()) {
        return Outcome.fail(plan.trust() + " holds no certificate", "give --trust a PEM file of the CA certificates to trust");
      }
      return Outcome.pass(trust.size() + " CA certificate(s) from " + plan.trust() + ": "
          + trust.stream().map(c -> c.getSubjectX500Principal().getName()).toList());
    });
    String whose = toCss ? plan.as() : plan.css();
    step(1, "signing certificate and key of " + whose, () -> {
      certificate = Pem.readCertificate(plan.certificate());
      key = Pem.readPrivateKey(plan.key());
      return Outcome.pass(plan.certificate() + " (" + certificate.getSubjectX500Principal().getName() + ") and " + plan.key());
    });
    step(1, "message exchange", () -> {
      String unspoken = catalogue.notJwsAlone().orElse(null);
      if (unspoken != null) {
        return Outcome.fail(unspoken + ", which this test's messages (one JWS-signed message a body)"
            + " do not speak yet", "phases 2 and 3 still test the name, the connection and TLS; send this family's"
            + " messages with a client of its own");
      }
      CatalogueSpec.Connectivity c = catalogue.connectivity().orElse(null);
      String send = plan.send() != null ? plan.send() : c == null ? null : toCss ? c.send() : c.notification();
      String expect = plan.expect() != null ? plan.expect() : c == null ? null : c.expect();
      if (send == null || (toCss && expect == null)) {
        return Outcome.fail("the catalogue " + catalogue.name() + " names no connectivity exchange",
            "add connectivity: {send, expect, notification} to the catalogue, or give --message and --expect");
      }
      if (catalogue.type(send).isEmpty() || (toCss && catalogue.type(expect).isEmpty())) {
        return Outcome.fail("the catalogue has no type " + (catalogue.type(send).isEmpty() ? send : expect),
            "name message types of the catalogue " + catalogue.name());
      }
      exchange = new Exchange(send, c == null ? null : toCss ? c.template() : c.notificationTemplate(), expect,
          c == null ? Map.of() : c.values());
      return Outcome.pass(toCss ? "sends " + send + ", waits for " + expect + " with its correlationId"
          : "sends " + send + " to the webhook");
    });
  }

  // ---- phase 2: network ----

  private void network() {
    Names names = new Names(plan.dns(), plan.timeout());
    List<InetAddress> addresses = new ArrayList<>();
    boolean resolved = step(2, "service name resolves", () -> {
      Names.Found found;
      try {
        found = names.resolve(plan.host());
      } catch (Names.NotFound e) {
        return Outcome.fail(e.getMessage(), "publish an A or AAAA record for " + plan.host()
            + (plan.dns() == null ? "" : ", or check that --dns names the environment's resolver"));
      }
      addresses.addAll(found.addresses());
      return Outcome.pass(plan.host() + " → " + found.addresses().stream().map(InetAddress::getHostAddress).toList()
          + " (" + found.where() + ")");
    });
    if (!resolved) {
      for (String s : List.of("TCP connection", "TLS 1.3 handshake", "TLS 1.2 handshake", "TLS 1.1 and below refused",
          "certificate chain", "service name in the certificate", "certificate expiry")) {
        skip(2, s, "the name did not resolve");
      }
      return;
    }
    boolean connected = step(2, "TCP connection on port " + plan.port(), () -> {
      List<String> failed = new ArrayList<>();
      String fix = null;
      for (InetAddress a : addresses) {
        try (Socket s = TlsProbe.connect(a, plan.port(), plan.timeout())) {
          if (address == null) {
            address = a;
          }
        } catch (java.io.IOException e) {
          Outcome why = Failures.outcome(e);
          failed.add(a.getHostAddress() + ": " + why.seen());
          fix = fix == null ? why.fix() : fix;
        }
      }
      if (address == null) {
        return Outcome.fail(String.join("; ", failed), fix);
      }
      return failed.isEmpty() ? Outcome.pass("connected to every address: " + addresses.stream().map(InetAddress::getHostAddress).toList())
          : Outcome.warn("connected to " + address.getHostAddress() + "; not to " + String.join("; ", failed),
          "every address the name lists should answer, or be withdrawn from DNS");
    });
    if (!connected) {
      for (String s : List.of("TLS 1.3 handshake", "TLS 1.2 handshake", "TLS 1.1 and below refused", "certificate chain",
          "service name in the certificate", "certificate expiry")) {
        skip(2, s, "no TCP connection");
      }
      return;
    }
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      step(2, "TLS " + protocol.substring(4) + " handshake", () -> {
        TlsProbe.Handshake h = TlsProbe.handshake(address, plan.port(), plan.host(), protocol, plan.timeout());
        if (chain == null) {
          chain = h.chain();
        }
        return Outcome.pass(h.protocol() + ", " + h.cipherSuite());
      });
    }
    step(2, "TLS 1.1 and below refused", () -> {
      List<String> accepted = new ArrayList<>();
      for (int minor : new int[] {2, 1}) {
        if (TlsProbe.offerLegacy(address, plan.port(), plan.host(), minor, plan.timeout()) == TlsProbe.Legacy.ACCEPTED) {
          accepted.add("TLS 1." + (minor - 1));
        }
      }
      return accepted.isEmpty() ? Outcome.pass("TLS 1.1 and TLS 1.0 refused")
          : Outcome.fail("the server accepts " + String.join(" and ", accepted), "allow only TLS 1.2 and 1.3 on " + plan.host());
    });
    if (chain == null) {
      for (String s : List.of("certificate chain", "service name in the certificate", "certificate expiry")) {
        skip(2, s, "no TLS handshake succeeded");
      }
      return;
    }
    X509Certificate leaf = chain.get(0);
    step(2, "certificate chain", () -> {
      String problem = Certificates.chainProblem(chain, trust);
      return problem == null
          ? Outcome.pass(leaf.getSubjectX500Principal().getName() + ", issued by " + leaf.getIssuerX500Principal().getName()
              + ", leads to the trust given")
          : Outcome.fail(problem, "serve a certificate issued by a CA in " + plan.trust() + ", with its intermediates");
    });
    step(2, "service name in the certificate", () -> Certificates.names(leaf, plan.host())
        ? Outcome.pass("the certificate names " + plan.host())
        : Outcome.fail("the certificate names " + String.join(", ", Certificates.names(leaf)) + ", not " + plan.host(),
            "issue the server's certificate for " + plan.host() + " (a subjectAltName)"));
    step(2, "certificate expiry", () -> expiry(leaf, "the server's certificate"));
  }

  /** PASS with the date, WARN under 30 days, FAIL when expired or not yet valid. */
  Outcome expiry(X509Certificate cert, String what) {
    Instant now = clock.instant();
    if (cert.getNotBefore().toInstant().isAfter(now)) {
      return Outcome.fail(what + " is valid only from " + cert.getNotBefore().toInstant(), "check the clocks, or reissue it");
    }
    long days = Certificates.daysLeft(cert, now);
    Instant end = cert.getNotAfter().toInstant();
    if (end.isBefore(now)) {
      return Outcome.fail(what + " expired on " + end, "renew " + what);
    }
    return days < 30 ? Outcome.warn(what + " expires on " + end + ", in " + days + " days", "renew " + what + " before " + end)
        : Outcome.pass("valid until " + end + " (" + days + " days)");
  }

  /** A message ready to send: its ids, and its body and headers as signed. */
  record Outgoing(String eventId, String correlationId, byte[] body, Map<String, String> headers) {}

  /**
   * The exchange's message, rendered from its template and signed with the plan's key as
   * {@code sender} (the participant to-css, the CSS to-participant), detached ES256 for an EC
   * key and PS256 for RSA.
   */
  Outgoing outgoing(String sender) {
    String template = new Location(exchange.template() != null ? exchange.template()
        : "classpath:samples/messages/" + exchange.send() + ".json").read();
    Map<String, String> values = new java.util.HashMap<>(exchange.values());
    values.put("sender", sender);
    MessageTemplate.Rendered r = new MessageTemplate(template, clock).render(0, values);
    String kid = KeyIds.kid(certificate);
    Party signer = new Party(sender, List.of(), Mode.physical, null,
        new Signing(Signing.Profile.detached, key instanceof java.security.interfaces.ECPrivateKey ? "ES256" : "PS256"),
        List.of(new VerificationKey(sender, kid, certificate)), key, kid, false);
    MessageSigner.Signed signed = new MessageSigner().sign(signer, r.json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Map<String, String> headers = new java.util.HashMap<>(signed.headers());
    headers.put("Content-Type", signed.contentType());
    return new Outgoing(r.eventId(), r.correlationId(), signed.body(), headers);
  }
}
