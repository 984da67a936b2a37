package org.csssim.internal.connectivity;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.internal.connectivity.Step.Outcome;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.json.Json;
import org.csssim.internal.jws.JwsException;
import org.csssim.internal.jws.JwsVerifier;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.party.KeyPairs;
import org.csssim.internal.pki.KeyIds;

/**
 * Phases 3 and 4 as the participant sees them: its own signing certificate and key, the CSS's
 * record of them, its webhook; then a signed message acknowledged and its notification
 * arriving, signed by a key the CSS publishes.
 */
final class ParticipantSide {
  private final ConnectivityTest test;
  private final ConnectivityPlan plan;
  /** Set by the registration step's thread, read after the run. */
  private volatile String registeredWebhook;

  ParticipantSide(ConnectivityTest test) {
    this.test = test;
    this.plan = test.plan();
  }

  void run() {
    certificates();
    Receiver receiver = new Receiver(test.vertx(), plan.as());
    try {
      // several calls in one step (listen, list, register): each has the timeout, so the step has three
      boolean listening = test.step(3, "webhook registered", plan.timeout().multipliedBy(3),
          () -> webhook(receiver, test.reachable()));
      exchange(receiver, listening);
    } finally {
      unregister(receiver);
      receiver.stop();
    }
  }

  private void certificates() {
    X509Certificate cert = test.certificate();
    if (cert == null || test.key() == null) {
      for (String s : List.of("signing key matches its certificate", "key type and size", "signing certificate valid",
          "signing certificate issued by the trust", "kid the CSS publishes")) {
        test.skip(3, s, "the certificate or key could not be read (phase 1)");
      }
      return;
    }
    test.step(3, "signing key matches its certificate", () -> KeyPairs.match(cert.getPublicKey(), test.key())
        ? Outcome.pass(plan.key() + " is the private key of " + plan.certificate())
        : Outcome.fail(plan.key() + " is not the private key of " + plan.certificate() + " (kid " + KeyIds.kid(cert) + ")",
            "sign with the key this certificate was issued for, or give the certificate that goes with the key"));
    test.step(3, "key type and size", () -> {
      String problem = Certificates.keyProblem(cert.getPublicKey());
      return problem == null ? Outcome.pass(Certificates.describe(cert.getPublicKey()))
          : Outcome.fail(problem, "issue a certificate for an EC P-256 or RSA 2048-bit (or larger) key");
    });
    test.step(3, "signing certificate valid", () -> test.expiry(cert, "the signing certificate"));
    test.step(3, "signing certificate issued by the trust", () -> {
      String problem = Certificates.chainProblem(List.of(cert), test.trust());
      return problem == null ? Outcome.pass("issued by " + cert.getIssuerX500Principal().getName())
          : Outcome.fail(problem, "have the scheme's CA issue the signing certificate");
    });
    if (!test.reachable()) {
      test.skip(3, "kid the CSS publishes", "no TLS connection (phase 2)");
      return;
    }
    test.step(3, "kid the CSS publishes", () -> {
      String url = plan.origin() + "/pki/parties/" + plan.as() + "/jwks.json";
      Http.Answer a = test.http().send("GET", url, Map.of(), null);
      String kid = KeyIds.kid(cert);
      if (a.status() == 404) {
        return Outcome.warn("the CSS publishes no keys at " + url, "ask the CSS's operator whether it holds this certificate (kid "
            + kid + ")");
      }
      if (a.status() != 200) {
        return Outcome.fail(url + " answered " + a.status(), "the CSS's key publication is not working; tell its operator");
      }
      Map<String, VerificationKey> published = Keys.fromJwks(a.body(), plan.as());
      VerificationKey match = published.values().stream()
          .filter(k -> k.publicKey().equals(cert.getPublicKey())).findFirst().orElse(null);
      if (match == null) {
        return Outcome.fail("the CSS publishes kid(s) " + published.keySet() + " for " + plan.as() + ", not this certificate's "
            + kid, "give the CSS this certificate, or sign with the one it holds");
      }
      return match.kid().equals(kid) ? Outcome.pass("the CSS publishes kid " + kid + " for " + plan.as())
          : Outcome.fail("the CSS publishes this key as kid " + match.kid() + ", but its thumbprint is " + kid,
              "put kid " + match.kid() + " in the JWS header, as the CSS publishes it");
    });
  }

  /** Opens the receiver and makes sure the CSS sends the participant's messages to it. */
  private Outcome webhook(Receiver receiver, boolean reachable) throws Exception {
    String url = receiver.start(plan.callbackHost(), plan.callbackPort(), plan.callbackCertificate(), plan.callbackKey());
    if (!reachable) {
      return Outcome.warn("listening at " + url + "; the CSS's webhooks cannot be checked without a TLS connection", null);
    }
    if (plan.adminToken() == null || plan.adminToken().isBlank()) {
      return Outcome.warn("listening at " + url + "; without an admin token the test cannot see " + plan.as() + "'s webhooks",
          "register " + url + " as " + plan.as() + "'s webhook with the CSS, or give --admin-token");
    }
    Map<String, String> auth = Map.of("Authorization", "Bearer " + plan.adminToken());
    Http.Answer list = test.http().send("GET", plan.origin() + "/admin/v1/webhooks", auth, null);
    if (list.status() == 401 || list.status() == 403) {
      return Outcome.fail("the admin API refused the token (" + list.status() + ")", "give the CSS's admin token");
    }
    if (list.status() != 200) {
      return Outcome.warn("the CSS offers no admin API (GET /admin/v1/webhooks answered " + list.status() + ")",
          "register " + url + " as " + plan.as() + "'s webhook with the CSS");
    }
    for (JsonNode w : Json.tree(list.body().getBytes(StandardCharsets.UTF_8))) {
      if (plan.as().equals(w.path("mpid").asText()) && url.equals(w.path("url").asText())) {
        return Outcome.pass(url + " is registered for " + plan.as());
      }
    }
    String body = Json.MAPPER.createObjectNode().put("mpid", plan.as()).put("url", url)
        .put("reason", "connectivity test receiver").toString();
    Http.Answer made = test.http().send("POST", plan.origin() + "/admin/v1/webhooks",
        Map.of("Authorization", "Bearer " + plan.adminToken(), "Content-Type", "application/json"),
        body.getBytes(StandardCharsets.UTF_8));
    if (made.status() != 201) {
      return Outcome.fail("registering " + url + " answered " + made.status() + ": " + made.body(), null);
    }
    registeredWebhook = Json.tree(made.body().getBytes(StandardCharsets.UTF_8)).path("id").asText();
    return Outcome.pass(url + " registered for " + plan.as() + " for this test (removed after it)");
  }

  /**
   * Removes the receiver's registration: the one made, and any other for the receiver's URL (a
   * registration that completed after its step gave up), so no webhook to a closed receiver is
   * left behind to fail.
   */
  private void unregister(Receiver receiver) {
    if (plan.adminToken() == null || plan.adminToken().isBlank() || receiver.url() == null || !test.reachable()) {
      return;
    }
    Map<String, String> auth = Map.of("Authorization", "Bearer " + plan.adminToken());
    try {
      Http.Answer list = test.http().send("GET", plan.origin() + "/admin/v1/webhooks", auth, null);
      if (list.status() != 200) {
        return;
      }
      for (JsonNode w : Json.tree(list.body().getBytes(StandardCharsets.UTF_8))) {
        if (receiver.url().equals(w.path("url").asText()) || w.path("id").asText().equals(registeredWebhook)) {
          test.http().send("DELETE", plan.origin() + "/admin/v1/webhooks/" + w.path("id").asText(), auth, null);
        }
      }
    } catch (Exception e) {
      // the CSS keeps a webhook to a receiver that is gone: its deliveries fail and say so
    }
  }

  private void exchange(Receiver receiver, boolean listening) {
    String send = test.exchange() == null ? "a message" : test.exchange().send();
    String expect = test.exchange() == null ? "its notification" : test.exchange().expect();
    String[] names = {"signed " + send + " acknowledged", expect + " arrives", expect + " signed by a key the CSS publishes"};
    if (!test.reachable() || test.exchange() == null || test.certificate() == null || test.key() == null) {
      for (String s : names) {
        test.skip(4, s, !test.reachable() ? "no TLS connection (phase 2)" : "nothing to send (phase 1)");
      }
      return;
    }
    String[] correlationId = new String[1];
    boolean acknowledged = test.step(4, names[0], () -> {
      MessageType type = test.catalogue().type(send).orElseThrow();
      ConnectivityTest.Outgoing m = test.outgoing(plan.as());
      correlationId[0] = m.correlationId();
      long start = System.nanoTime();
      Http.Answer a = test.http().send(type.spec().method(), plan.origin() + type.spec().path(), m.headers(), m.body());
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (a.status() != 202) {
        JsonNode error = tryJson(a.body());
        return Outcome.fail(type.spec().method() + " " + type.spec().path() + " answered " + a.status() + " "
            + error.path("code").asText("") + " " + error.path("message").asText(a.body()).trim(),
            "see docs/errors.md for the code");
      }
      return Outcome.pass("202 in " + ms + " ms (eventId " + m.eventId() + ", correlationId " + m.correlationId() + ")");
    });
    if (!acknowledged || !listening) {
      test.skip(4, names[1], !acknowledged ? "the message was not acknowledged" : "no webhook receiver");
      test.skip(4, names[2], !acknowledged ? "the message was not acknowledged" : "no webhook receiver");
      return;
    }
    Receiver.Received[] got = new Receiver.Received[1];
    Duration wait = plan.answerTimeout();
    boolean arrived = test.step(4, names[1], wait.plusSeconds(1), () -> {
      long start = System.nanoTime();
      got[0] = receiver.await(m -> correlationId[0].equals(m.json().path("correlationId").asText())
          && expect.equals(m.json().path("eventType").asText()), wait);
      if (got[0] == null) {
        List<String> others = receiver.seen();
        return Outcome.fail("no " + expect + " for correlationId " + correlationId[0] + " within " + wait.toSeconds() + " s"
            + (others.isEmpty() ? "; nothing else came either" : "; came instead: " + others),
            "check that the CSS holds the webhook and can reach " + receiver.url());
      }
      return Outcome.pass("arrived " + (System.nanoTime() - start) / 1_000_000 + " ms after the acknowledgement"
          + (got[0].json().path("data").has("reasonCode") ? " (" + got[0].json().path("data").path("outcome").asText()
          + ", " + got[0].json().path("data").path("reasonCode").asText() + ")" : ""));
    });
    if (!arrived) {
      test.skip(4, names[2], "nothing arrived");
      return;
    }
    test.step(4, names[2], () -> verify(got[0]));
  }

  private Outcome verify(Receiver.Received m) throws Exception {
    Map<String, VerificationKey> keys = cssKeys();
    JwsVerifier verifier = new JwsVerifier(kid -> Optional.ofNullable(keys.get(kid)));
    String header = m.header(MessageSigner.SIGNATURE_HEADER);
    JwsVerifier.Verified v;
    try {
      v = header != null ? verifier.verifyDetached(header, m.body())
          : verifier.verifyCompact(new String(m.body(), StandardCharsets.US_ASCII)).signature();
    } catch (JwsException e) {
      return Outcome.fail("the signature does not verify against the keys " + plan.css() + " publishes " + keys.keySet()
          + ": " + e.getMessage(), "the CSS signs with a key it does not publish: tell its operator (or give --css-keys)");
    }
    String sender = m.json().path("senderMpid").asText();
    if (!plan.css().equals(sender)) {
      return Outcome.fail("signed by " + plan.css() + "'s key " + v.key().kid() + " but senderMpid is " + sender, null);
    }
    return Outcome.pass(v.algorithm() + ", kid " + v.key().kid() + " (" + plan.css() + ")");
  }

  private Map<String, VerificationKey> cssKeys() throws Exception {
    String where = plan.cssKeys() != null ? plan.cssKeys() : plan.origin() + "/pki/parties/" + plan.css() + "/jwks.json";
    String text;
    if (where.startsWith("https://")) {
      Http.Answer a = test.http().send("GET", where, Map.of(), null);
      if (a.status() != 200) {
        throw new IllegalStateException(where + " answered " + a.status());
      }
      text = a.body();
    } else {
      text = Files.readString(Path.of(where));
    }
    return text.trim().startsWith("{") ? Keys.fromJwks(text, plan.css()) : Keys.fromPem(text, plan.css());
  }

  private static JsonNode tryJson(String s) {
    try {
      return Json.tree(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
