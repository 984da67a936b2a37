package org.csssim.internal.party;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** Whether a private key belongs to a public key. */
public final class KeyPairs {
  private KeyPairs() {}

  public static boolean match(PublicKey pub, PrivateKey priv) {
    if (pub instanceof RSAPublicKey rp && priv instanceof RSAPrivateCrtKey rk) {
      return rp.getModulus().equals(rk.getModulus()) && rp.getPublicExponent().equals(rk.getPublicExponent());
    }
    if (pub instanceof ECPublicKey ep && priv instanceof ECPrivateKey ek) {
      // Q = d·G exactly, on BouncyCastle's curve arithmetic (the JDK exposes none): a signature
      // round trip through JCA would say the same at the cost of a provider's first use at start
      ECParameterSpec spec = EC5Util.convertSpec(ek.getParams());
      if (!spec.getCurve().equals(EC5Util.convertSpec(ep.getParams()).getCurve())) {
        return false;
      }
      ECPoint q = new FixedPointCombMultiplier().multiply(spec.getG(), ek.getS()).normalize();
      return q.getAffineXCoord().toBigInteger().equals(ep.getW().getAffineX())
          && q.getAffineYCoord().toBigInteger().equals(ep.getW().getAffineY());
    }
    return false;
  }
}
