package org.csssim.internal.connectivity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.pki.KeyIds;

/** Published verification keys, by kid: a JWK set whose keys carry their certificate (x5c), or PEM certificates. */
final class Keys {
  private Keys() {}

  static Map<String, VerificationKey> fromJwks(String json, String owner) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Map<String, VerificationKey> out = new LinkedHashMap<>();
    for (JWK k : JWKSet.parse(json).getKeys()) {
      if (k.getX509CertChain() == null || k.getX509CertChain().isEmpty()) {
        throw new IllegalStateException(owner + "'s key " + k.getKeyID() + " is published without its certificate (x5c)");
      }
      X509Certificate cert = (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(k.getX509CertChain().get(0).decode()));
      String kid = k.getKeyID() != null ? k.getKeyID() : KeyIds.kid(cert);
      out.put(kid, new VerificationKey(owner, kid, cert));
    }
    return out;
  }

  static Map<String, VerificationKey> fromPem(String pem, String owner) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    Map<String, VerificationKey> out = new LinkedHashMap<>();
    for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      X509Certificate cert = (X509Certificate) c;
      out.put(KeyIds.kid(cert), new VerificationKey(owner, KeyIds.kid(cert), cert));
    }
    return out;
  }
}
