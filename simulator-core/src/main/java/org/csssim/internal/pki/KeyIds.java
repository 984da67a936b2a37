package org.csssim.internal.pki;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Key ids. A certificate's {@code kid} is the RFC 7638 JWK thumbprint (SHA-256) of its public
 * key: stable, derivable by anyone holding the certificate, and unique per key, so rotating a
 * certificate with a new key gives a new kid.
 */
public final class KeyIds {
  private KeyIds() {}

  public static String kid(X509Certificate cert) {
    try {
      return JWK.parse(cert).computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new IllegalArgumentException("unsupported key in certificate " + cert.getSubjectX500Principal() + ": " + e.getMessage(), e);
    }
  }

  public static Base64URL x5tS256(X509Certificate cert) {
    try {
      return Base64URL.encode(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
