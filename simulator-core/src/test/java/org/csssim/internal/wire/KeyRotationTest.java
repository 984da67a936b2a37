package org.csssim.internal.wire;

import static org.csssim.testing.Harness.switchRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.csssim.internal.config.PartyConfig;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.jws.JwsSigner;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.pki.TestPki;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * Certificate rotation as CSS did it in production: for a cut-over both keys of a party are
 * valid at once (and both published in its JWK set); then the old one is withdrawn and its
 * signatures fail.
 */
class KeyRotationTest {
  @Test
  void twoKeysValidThenOneWithdrawn() throws Exception {
    Path dir = Files.createTempDirectory("css-rotation");
    // first start creates the PKI; the second key comes from the test CA, as `pki issue` does it
    try (Harness h = Harness.start(dir, c -> c)) {
      assertEquals(202, h.postSigned("/css/v1/switch-requests", switchRequest("SUPA")).status());
    }
    TestPki pki = new TestPki(dir);
    String oldKid = KeyIds.kid(Pem.readCertificate(pki.partyCertificate("SUPA")));
    String newKid = KeyIds.kid(pki.issue("SUPA", "SUPA-2027", "ES256"));
    assertNotEquals(oldKid, newKid);
    JwsSigner oldSigner = new JwsSigner(Pem.readPrivateKey(pki.partyKey("SUPA")), oldKid, "ES256");
    JwsSigner newSigner = new JwsSigner(Pem.readPrivateKey(pki.partyKey("SUPA-2027")), newKid, "ES256");

    try (Harness h = Harness.start(dir, withSupaKeys(List.of("pki/parties/SUPA.crt", "pki/parties/SUPA-2027.crt"),
        "pki/parties/SUPA.key"))) {
      assertEquals(202, send(h, oldSigner).status(), "old key still valid during the cut-over");
      assertEquals(202, send(h, newSigner).status(), "new key already valid");
      assertEquals(Set.of(oldKid, newKid), publishedKids(h));
    }

    try (Harness h = Harness.start(dir, withSupaKeys(List.of("pki/parties/SUPA-2027.crt"), "pki/parties/SUPA-2027.key"))) {
      Harness.Response old = send(h, oldSigner);
      assertEquals(401, old.status());
      assertEquals("SIGNATURE_KEY_UNKNOWN", old.firstErrorCode());
      assertEquals(202, send(h, newSigner).status());
      assertEquals(Set.of(newKid), publishedKids(h));
      assertEquals(newKid, h.party("SUPA").signingKid(), "the simulator now signs as SUPA with the new key");
    }
  }

  private static java.util.function.UnaryOperator<SimulatorConfig> withSupaKeys(List<String> certs, String key) {
    return c -> c.withParties(c.parties().stream()
        .map(p -> p.mpid().equals("SUPA")
            ? new PartyConfig(p.mpid(), p.roles(), p.mode(), p.url(), p.signing(), certs, key, null, p.webhooks(), p.faults()) : p)
        .toList());
  }

  private static Harness.Response send(Harness h, JwsSigner signer) throws Exception {
    ObjectNode m = switchRequest("SUPA");
    byte[] body = m.toString().getBytes(StandardCharsets.UTF_8);
    return h.send(HttpMethod.POST, "/css/v1/switch-requests",
        Map.of("Content-Type", "application/json", MessageSigner.SIGNATURE_HEADER, signer.detached(body)), body);
  }

  private static Set<String> publishedKids(Harness h) throws Exception {
    Harness.Response r = h.send(HttpMethod.GET, "/pki/parties/SUPA/jwks.json", Map.of(), null);
    assertEquals(200, r.status());
    return r.json().getJsonArray("keys").stream().map(k -> ((JsonObject) k).getString("kid")).collect(Collectors.toSet());
  }
}
