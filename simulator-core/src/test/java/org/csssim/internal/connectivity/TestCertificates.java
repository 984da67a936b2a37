package org.csssim.internal.connectivity;

import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.csssim.internal.pki.Pem;

/** Certificates a test PKI would never issue (expired, self-signed elsewhere), written as PEM files. */
final class TestCertificates {
  private TestCertificates() {}

  record Issued(Path certificate, Path key, X509Certificate cert, PrivateKey privateKey) {}

  static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** A CA of its own, which nothing trusts. */
  static Issued otherCa(Path dir) throws Exception {
    KeyPair k = ecKey();
    X500Name name = new X500Name("CN=Some Other CA");
    var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now().minusSeconds(3600)),
        Date.from(Instant.now().plusSeconds(86_400 * 365)), name, k.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    return write(dir, "other-ca", sign(b, k.getPrivate()), k.getPrivate());
  }

  /** A TLS server certificate for localhost and 127.0.0.1, valid between the instants given, issued by {@code ca}. */
  static Issued server(Path dir, String name, X509Certificate ca, PrivateKey caKey, Instant from, Instant until) throws Exception {
    KeyPair k = ecKey();
    var b = new JcaX509v3CertificateBuilder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
        BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(until), new X500Name("CN=localhost"), k.getPublic());
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.dNSName, "localhost"),
        new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("127.0.0.1").getAddress()))}));
    return write(dir, name, sign(b, caKey), k.getPrivate());
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey by) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(by)));
  }

  private static Issued write(Path dir, String name, X509Certificate cert, PrivateKey key) throws Exception {
    Path c = dir.resolve(name + ".crt");
    Path k = dir.resolve(name + ".key");
    Pem.write(c, Pem.certificate(cert), false);
    Pem.write(k, Pem.privateKey(key), true);
    return new Issued(c, k, cert, key);
  }
}
