package org.csssim.internal.connectivity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.csssim.internal.connectivity.Step.Outcome;
import org.csssim.internal.pki.KeyIds;

/**
 * Phases 3 and 4 as the CSS sees a participant: the signing certificate the participant
 * published, then a signed test notification its webhook must acknowledge with a 2xx.
 */
final class OperatorSide {
  private final ConnectivityTest test;
  private final ConnectivityPlan plan;

  OperatorSide(ConnectivityTest test) {
    this.test = test;
    this.plan = test.plan();
  }

  void run() {
    published();
    String name = "signed " + (test.exchange() == null ? "notification" : test.exchange().send()) + " acknowledged 2xx";
    if (!test.reachable() || test.exchange() == null || test.certificate() == null || test.key() == null) {
      test.skip(4, name, !test.reachable() ? "no TLS connection (phase 2)" : "nothing to send (phase 1)");
      return;
    }
    test.step(4, name, this::notification);
  }

  private void published() {
    String where = plan.participantCertificate();
    List<String> names = List.of("published signing certificate", "key type and size", "signing certificate valid",
        "signing certificate issued by the trust");
    if (where == null || where.isBlank()) {
      names.forEach(n -> test.skip(3, n, "no --participant-certificate given"));
      return;
    }
    X509Certificate[] cert = new X509Certificate[1];
    boolean read = test.step(3, names.get(0), () -> {
      byte[] pem;
      if (where.startsWith("https://")) {
        Http.Answer a = test.http().send("GET", where, Map.of(), null);
        if (a.status() != 200) {
          return Outcome.fail(where + " answered " + a.status(), "publish the signing certificate at " + where);
        }
        pem = a.body().getBytes(StandardCharsets.US_ASCII);
      } else {
        pem = Files.readAllBytes(Path.of(where));
      }
      cert[0] = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
      return Outcome.pass(cert[0].getSubjectX500Principal().getName() + ", kid " + KeyIds.kid(cert[0]));
    });
    if (!read) {
      names.subList(1, names.size()).forEach(n -> test.skip(3, n, "the certificate could not be read"));
      return;
    }
    test.step(3, names.get(1), () -> {
      String problem = Certificates.keyProblem(cert[0].getPublicKey());
      return problem == null ? Outcome.pass(Certificates.describe(cert[0].getPublicKey()))
          : Outcome.fail(problem, "the participant issues a certificate for an EC P-256 or RSA 2048-bit key");
    });
    test.step(3, names.get(2), () -> test.expiry(cert[0], "the participant's signing certificate"));
    test.step(3, names.get(3), () -> {
      String problem = Certificates.chainProblem(List.of(cert[0]), test.trust());
      return problem == null ? Outcome.pass("issued by " + cert[0].getIssuerX500Principal().getName())
          : Outcome.fail(problem, "the participant's signing certificate must be issued by the scheme's CA");
    });
  }

  private Outcome notification() throws Exception {
    String type = test.exchange().send();
    ConnectivityTest.Outgoing m = test.outgoing(plan.css());
    long start = System.nanoTime();
    Http.Answer a = test.http().send("POST", plan.target().toString(), m.headers(), m.body());
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (a.status() / 100 != 2) {
      String body = a.body() == null ? "" : a.body().strip();
      return Outcome.fail("the webhook answered " + a.status() + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length()))),
          "the participant's webhook must acknowledge a signed " + type + " with 2xx (check its logs for eventId " + m.eventId() + ")");
    }
    return Outcome.pass(a.status() + " in " + ms + " ms (eventId " + m.eventId() + ", signed by " + plan.css() + ", kid "
        + KeyIds.kid(test.certificate()) + ")");
  }
}
