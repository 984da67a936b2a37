package org.csssim.internal.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;

/**
 * The only algorithms the simulator accepts or uses: PS256, RS256, ES256. Never {@code none},
 * never HMAC: a verifier is only ever built from a party's public key, so the "public key as
 * HMAC secret" confusion cannot arise.
 */
public final class Algorithms {
  public static final Map<String, JWSAlgorithm> ALLOWED = Map.of(
      "PS256", JWSAlgorithm.PS256, "RS256", JWSAlgorithm.RS256, "ES256", JWSAlgorithm.ES256);

  // ECDSA verification runs on BouncyCastle's low-level API with each key converted once (see
  // Es256): it was 87% of the intake's CPU on the JDK 17 SunEC provider, and a verification
  // handles no secret. Signing does: only the test PKI's keys are signed there, every other key
  // by the JDK's constant-time code. RSA stays on the JDK, which is as fast as anything for it.

  private Algorithms() {}

  /** A verifier for {@code alg} with this key, or null when the key type does not fit the algorithm. */
  static JWSVerifier verifier(JWSAlgorithm alg, PublicKey key) throws JOSEException {
    if (JWSAlgorithm.ES256.equals(alg) && key instanceof ECPublicKey ec) {
      return Es256.verifier(ec);
    }
    if ((JWSAlgorithm.PS256.equals(alg) || JWSAlgorithm.RS256.equals(alg)) && key instanceof RSAPublicKey rsa) {
      return new RSASSAVerifier(rsa);
    }
    return null;
  }

  /** {@code fast}: a test PKI key, which may use {@link Es256}; any other EC key is signed by the JDK through nimbus. */
  static JWSSigner signer(JWSAlgorithm alg, PrivateKey key, boolean fast) throws JOSEException {
    if (JWSAlgorithm.ES256.equals(alg)) {
      if (!(key instanceof ECPrivateKey ec)) {
        throw new JOSEException("ES256 needs an EC private key, not " + key.getAlgorithm());
      }
      return fast ? Es256.signer(ec) : new ECDSASigner(ec);
    }
    return new RSASSASigner(key);
  }
}
