package org.csssim.internal.party;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** Whether a private key belongs to a public key. */
final class KeyPairs {
  private static final byte[] PROBE = "css-simulator key pair probe".getBytes(StandardCharsets.US_ASCII);

  private KeyPairs() {}

  static boolean match(PublicKey pub, PrivateKey priv) {
    if (pub instanceof RSAPublicKey rp && priv instanceof RSAPrivateCrtKey rk) {
      return rp.getModulus().equals(rk.getModulus()) && rp.getPublicExponent().equals(rk.getPublicExponent());
    }
    if (pub instanceof ECPublicKey) {
      // Comparing Q with d·G needs point arithmetic the JDK does not expose; a signature round trip is exact.
      try {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(priv);
        s.update(PROBE);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA");
        v.initVerify(pub);
        v.update(PROBE);
        return v.verify(sig);
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
    return false;
  }
}
