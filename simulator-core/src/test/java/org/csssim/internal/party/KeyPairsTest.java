package org.csssim.internal.party;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class KeyPairsTest {
  private static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  @Test
  void anEcPrivateKeyMatchesItsOwnPublicKeyOnly() throws Exception {
    KeyPair a = ec("secp256r1");
    KeyPair b = ec("secp256r1");
    assertTrue(KeyPairs.match(a.getPublic(), a.getPrivate()));
    assertFalse(KeyPairs.match(a.getPublic(), b.getPrivate()));
    assertFalse(KeyPairs.match(b.getPublic(), a.getPrivate()));
  }

  @Test
  void keysOnDifferentCurvesOrOfDifferentKindsNeverMatch() throws Exception {
    KeyPair p256 = ec("secp256r1");
    KeyPair p384 = ec("secp384r1");
    KeyPair rsa = rsa();
    assertTrue(KeyPairs.match(p384.getPublic(), p384.getPrivate()));
    assertFalse(KeyPairs.match(p256.getPublic(), p384.getPrivate()));
    assertFalse(KeyPairs.match(rsa.getPublic(), p256.getPrivate()));
    assertFalse(KeyPairs.match(p256.getPublic(), rsa.getPrivate()));
  }

  @Test
  void anRsaPrivateKeyMatchesItsOwnPublicKeyOnly() throws Exception {
    KeyPair a = rsa();
    assertTrue(KeyPairs.match(a.getPublic(), a.getPrivate()));
    assertFalse(KeyPairs.match(rsa().getPublic(), a.getPrivate()));
  }
}
