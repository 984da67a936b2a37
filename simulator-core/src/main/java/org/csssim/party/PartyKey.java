package org.csssim.party;

import java.security.PublicKey;
import java.security.cert.X509Certificate;

/** One verification key of a party, found by its {@code kid}. */
public record PartyKey(String mpid, String kid, X509Certificate certificate) {
  public PublicKey publicKey() {
    return certificate.getPublicKey();
  }
}
