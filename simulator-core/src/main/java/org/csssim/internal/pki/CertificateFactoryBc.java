package org.csssim.internal.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds key pairs and X.509 certificates for the test PKI with BouncyCastle's builders. Keys
 * and signatures use the JDK's own providers, so no security provider is registered.
 */
final class CertificateFactoryBc {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateFactoryBc() {}

  /** An EC P-256 key pair for ES256, or RSA 2048 for PS256 and RS256. */
  static KeyPair keyPair(String jwsAlgorithm) {
    try {
      if ("ES256".equals(jwsAlgorithm)) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate selfSignedCa(KeyPair ca, String commonName, Duration validity) {
    X500Name name = new X500Name("O=CSS Simulator test PKI,CN=" + commonName);
    return build(name, ca.getPublic(), name, ca.getPrivate(), ca.getPublic(), validity, b -> {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    });
  }

  static X509Certificate tlsServer(KeyPair key, X509Certificate ca, PrivateKey caKey, List<GeneralName> names, Duration validity) {
    String cn = names.get(0).getTagNo() == GeneralName.dNSName ? names.get(0).getName().toString() : "localhost";
    return build(new X500Name("O=CSS Simulator test PKI,CN=" + cn), key.getPublic(),
        X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), caKey, ca.getPublicKey(), validity, b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
          b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        });
  }

  /** A party's certificate: its key signs JWS messages and may authenticate it in mutual TLS. */
  static X509Certificate party(String mpid, PublicKey key, X509Certificate ca, PrivateKey caKey, Duration validity) {
    return build(new X500Name("O=CSS Simulator test PKI,CN=" + mpid), key,
        X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), caKey, ca.getPublicKey(), validity, b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        });
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder b) throws CertIOException;
  }

  private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer, PrivateKey issuerKey,
                                       PublicKey issuerPublic, Duration validity, Extensions extensions) {
    try {
      Instant now = Instant.now();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, RANDOM),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, subjectKey);
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerPublic));
      extensions.add(b);
      String sigAlg = "EC".equals(issuerKey.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(sigAlg).build(issuerKey)));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot build certificate for " + subject + ": " + e.getMessage(), e);
    }
  }
}
