package org.csssim.internal.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import java.security.PrivateKey;

/**
 * Signs what the simulator sends, as a given party: every webhook, every request of a
 * simulated party, every benchmark message goes through here. One instance per key; safe to
 * share across threads.
 */
public final class JwsSigner {
  private final JWSSigner signer;
  private final JWSHeader header;

  /** A signer for a key whose secrecy matters (a user's or an operator's): the JDK's provider, through nimbus. */
  public JwsSigner(PrivateKey key, String kid, String algorithm) {
    this(key, kid, algorithm, false);
  }

  /**
   * {@code testKey}: the key is the test PKI's, made by the simulator for a simulated party, so
   * ES256 may use the fast signer ({@link Es256}), which is not written to run in constant time.
   * Any other key goes to the JDK's constant-time implementation, whatever it costs: a timing
   * leak must never reach a key that guards something real.
   */
  public JwsSigner(PrivateKey key, String kid, String algorithm, boolean testKey) {
    JWSAlgorithm alg = Algorithms.ALLOWED.get(algorithm);
    if (alg == null) {
      throw new IllegalArgumentException("algorithm " + algorithm + " is not allowed; use PS256, RS256 or ES256");
    }
    try {
      this.signer = Algorithms.signer(alg, key, testKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the key does not fit " + algorithm + ": " + e.getMessage(), e);
    }
    this.header = new JWSHeader.Builder(alg).keyID(kid).build();
  }

  /** The {@code X-JWS-Signature} value: {@code BASE64URL(header)..BASE64URL(signature)} over {@code body}. */
  public String detached(byte[] body) {
    return sign(body).serialize(true);
  }

  /** The body to send with {@code Content-Type: application/jose}. */
  public String compact(byte[] body) {
    return sign(body).serialize();
  }

  private JWSObject sign(byte[] body) {
    JWSObject jws = new JWSObject(header, new Payload(body));
    try {
      jws.sign(signer);
      return jws;
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed: " + e.getMessage(), e);
    }
  }
}
