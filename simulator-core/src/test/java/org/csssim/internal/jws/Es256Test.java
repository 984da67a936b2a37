package org.csssim.internal.jws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Our ES256 against nimbus's own (over the JDK's provider), in both directions, and what it
 * must refuse: a changed byte, a signature of the wrong length or out of range, a critical
 * header it does not know, a key off the curve or on another curve.
 */
class Es256Test {
  private static final byte[] BODY = "{\"eventType\":\"SwitchRequest\"}".getBytes(StandardCharsets.UTF_8);

  private static KeyPair p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static JWSObject signed(com.nimbusds.jose.JWSSigner signer, JWSHeader header) throws Exception {
    JWSObject jws = new JWSObject(header, new Payload(BODY));
    jws.sign(signer);
    return JWSObject.parse(jws.serialize());
  }

  /**
   * Webhooks are signed on the worker pool, and the load tool verifies callbacks on several
   * threads, against one converted key each: signatures made and checked at once on many
   * threads must all be valid (both against the standard implementation and each other).
   */
  @Test
  void signaturesMadeAndCheckedOnManyThreadsAtOnceAreValid() throws Exception {
    KeyPair kp = p256();
    com.nimbusds.jose.JWSSigner ours = Es256.signer((ECPrivateKey) kp.getPrivate());
    com.nimbusds.jose.JWSVerifier check = Es256.verifier((ECPublicKey) kp.getPublic());
    ECDSAVerifier standard = new ECDSAVerifier((ECPublicKey) kp.getPublic());
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        String text = "message " + i;
        results.add(pool.submit(() -> {
          JWSObject o = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(text));
          o.sign(ours);
          JWSObject again = JWSObject.parse(o.serialize());
          return again.verify(check) && JWSObject.parse(o.serialize()).verify(standard);
        }));
      }
      int bad = 0;
      for (var r : results) {
        bad += r.get() ? 0 : 1;
      }
      org.junit.jupiter.api.Assertions.assertEquals(0, bad, "signatures that failed when made or checked concurrently");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void interoperatesWithTheStandardImplementationBothWays() throws Exception {
    KeyPair kp = p256();
    JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
    for (int i = 0; i < 50; i++) {
      assertTrue(signed(Es256.signer((ECPrivateKey) kp.getPrivate()), header).verify(new ECDSAVerifier((ECPublicKey) kp.getPublic())));
      assertTrue(signed(new ECDSASigner((ECPrivateKey) kp.getPrivate()), header).verify(Es256.verifier((ECPublicKey) kp.getPublic())));
    }
    // another key's signature does not verify
    assertFalse(signed(Es256.signer((ECPrivateKey) p256().getPrivate()), header).verify(Es256.verifier((ECPublicKey) kp.getPublic())));
  }

  @Test
  void refusesWhatTheStandardRefuses() throws Exception {
    KeyPair kp = p256();
    var verifier = Es256.verifier((ECPublicKey) kp.getPublic());
    JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
    JWSObject good = signed(Es256.signer((ECPrivateKey) kp.getPrivate()), header);
    byte[] input = good.getSigningInput();
    byte[] sig = good.getSignature().decode();
    assertTrue(verifier.verify(header, input, good.getSignature()));

    byte[] changed = input.clone();
    changed[changed.length - 1] ^= 1;
    assertFalse(verifier.verify(header, changed, good.getSignature()), "a changed byte");
    assertFalse(verifier.verify(header, input, Base64URL.encode(java.util.Arrays.copyOf(sig, 63))), "63 bytes");
    byte[] zeroR = sig.clone();
    java.util.Arrays.fill(zeroR, 0, 32, (byte) 0);
    assertFalse(verifier.verify(header, input, Base64URL.encode(zeroR)), "r = 0");
    byte[] allOnes = new byte[64];
    java.util.Arrays.fill(allOnes, (byte) 0xff);
    assertFalse(verifier.verify(header, input, Base64URL.encode(allOnes)), "r, s >= n");
    JWSHeader crit = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JOSE).criticalParams(Set.of("exp"))
        .customParam("exp", 1).build();
    assertFalse(verifier.verify(crit, input, good.getSignature()), "a critical header we do not understand");
    assertFalse(verifier.verify(new JWSHeader(JWSAlgorithm.ES384), input, good.getSignature()), "another algorithm");
  }

  @Test
  void refusesKeysOffTheCurveOrOnAnother() throws Exception {
    ECPublicKey real = (ECPublicKey) p256().getPublic();
    ECPoint w = real.getW();
    // the same x with y + 1 is not on P-256: an invalid-curve point
    ECPublicKey off = new ECPublicKey() {
      @Override public ECPoint getW() {
        return new ECPoint(w.getAffineX(), w.getAffineY().add(BigInteger.ONE));
      }
      @Override public java.security.spec.ECParameterSpec getParams() {
        return real.getParams();
      }
      @Override public String getAlgorithm() {
        return "EC";
      }
      @Override public String getFormat() {
        return null;
      }
      @Override public byte[] getEncoded() {
        return null;
      }
    };
    assertThrows(com.nimbusds.jose.JOSEException.class, () -> Es256.verifier(off));
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = g.generateKeyPair();
    assertThrows(com.nimbusds.jose.JOSEException.class, () -> Es256.verifier((ECPublicKey) p384.getPublic()));
    assertThrows(com.nimbusds.jose.JOSEException.class, () -> Es256.signer((ECPrivateKey) p384.getPrivate()));
    // the point spec of a valid key still builds a verifier
    Es256.verifier((ECPublicKey) java.security.KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, real.getParams())));
  }
}
