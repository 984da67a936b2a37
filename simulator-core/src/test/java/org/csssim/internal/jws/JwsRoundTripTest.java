package org.csssim.internal.jws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.pki.KeyIds;
import org.csssim.internal.pki.Pem;
import org.csssim.internal.pki.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every allowed algorithm, both serialisations, signed by our signer and checked by our verifier. */
class JwsRoundTripTest {
  static TestPki pki;

  @BeforeAll
  static void keys() throws Exception {
    pki = new TestPki(Files.createTempDirectory("jws"));
    pki.ensure(Map.of("EC1", "ES256", "RSA1", "PS256"));
  }

  private static JwsVerifier verifierFor(String file) throws Exception {
    var cert = Pem.readCertificate(pki.partyCertificate(file));
    VerificationKey key = new VerificationKey(file, KeyIds.kid(cert), cert);
    return new JwsVerifier(kid -> key.kid().equals(kid) ? Optional.of(key) : Optional.empty());
  }

  private static JwsSigner signerFor(String file, String alg) throws Exception {
    var cert = Pem.readCertificate(pki.partyCertificate(file));
    return new JwsSigner(Pem.readPrivateKey(pki.partyKey(file)), KeyIds.kid(cert), alg);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "PS256", "RS256"})
  void detachedAndCompactRoundTrip(String alg) throws Exception {
    String file = alg.equals("ES256") ? "EC1" : "RSA1";
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    JwsSigner signer = signerFor(file, alg);
    JwsVerifier verifier = verifierFor(file);
    assertEquals(alg, verifier.verifyDetached(signer.detached(body), body).algorithm());
    JwsVerifier.VerifiedCompact c = verifier.verifyCompact(signer.compact(body));
    assertEquals(new String(body, StandardCharsets.UTF_8), new String(c.payload(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ES256", "PS256"})
  void anAlgorithmThatDoesNotFitTheKeyIsInvalid(String alg) throws Exception {
    // the header claims the other family's algorithm for this party's kid
    String file = alg.equals("ES256") ? "RSA1" : "EC1";
    String signingFile = alg.equals("ES256") ? "EC1" : "RSA1";
    var cert = Pem.readCertificate(pki.partyCertificate(file));
    JwsSigner liar = new JwsSigner(Pem.readPrivateKey(pki.partyKey(signingFile)), KeyIds.kid(cert), alg);
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    JwsException e = assertThrows(JwsException.class, () -> verifierFor(file).verifyDetached(liar.detached(body), body));
    assertEquals(JwsException.Reason.INVALID, e.reason());
  }

  @org.junit.jupiter.api.Test
  void aDetachedJwsMustNotCarryAPayload() throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    JwsException e = assertThrows(JwsException.class,
        () -> verifierFor("EC1").verifyDetached(signerFor("EC1", "ES256").compact(body), body));
    assertEquals(JwsException.Reason.MALFORMED, e.reason());
  }

  @org.junit.jupiter.api.Test
  void aHeaderWithoutKidIsNamed() throws Exception {
    String header = com.nimbusds.jose.util.Base64URL.encode("{\"alg\":\"ES256\"}").toString();
    JwsException e = assertThrows(JwsException.class, () -> verifierFor("EC1").verifyDetached(header + "..c2ln", new byte[0]));
    assertEquals(JwsException.Reason.KID_MISSING, e.reason());
  }

}
