package org.csssim.internal.jws;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

/**
 * A key that verifies signatures, found by its {@code kid}, with the certificate it came in and
 * its {@code owner} (the party whose key it is): a verified signature names its signer.
 */
public record VerificationKey(String owner, String kid, X509Certificate certificate) {
  public PublicKey publicKey() {
    return certificate.getPublicKey();
  }
}
