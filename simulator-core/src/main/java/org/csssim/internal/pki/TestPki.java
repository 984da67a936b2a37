package org.csssim.internal.pki;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * The simulator's own test PKI under {@code <data dir>/pki/}: a CA, a TLS certificate for
 * localhost, and a key and certificate per party. Files that exist are reused, so a user's
 * system configured once keeps working across restarts; only what is missing is created.
 */
public final class TestPki {
  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(825);

  private final Path dir;

  public TestPki(Path dataDir) {
    this.dir = dataDir.resolve("pki").toAbsolutePath().normalize();
  }

  public Path dir() {
    return dir;
  }

  public Path caCertificate() {
    return dir.resolve("ca.crt");
  }

  public Path caKey() {
    return dir.resolve("ca.key");
  }

  public Path partyCertificate(String fileName) {
    return dir.resolve("parties").resolve(fileName + ".crt");
  }

  public Path partyKey(String fileName) {
    return dir.resolve("parties").resolve(fileName + ".key");
  }

  /** What {@link #ensure} did, so start-up can say so. */
  public record Outcome(boolean createdCa, List<String> created) {}

  /**
   * Creates whatever is missing: the CA, the TLS pair, and for each party (mpid to JWS
   * algorithm) its default key and certificate.
   */
  public Outcome ensure(Map<String, String> partyAlgorithms) throws IOException {
    List<String> created = new ArrayList<>();
    boolean createdCa = false;
    if (!Files.exists(caCertificate())) {
      if (Files.exists(dir.resolve("parties")) || Files.exists(dir.resolve("tls.crt"))) {
        throw new IOException(caCertificate() + " is missing but other test PKI files exist; delete " + dir + " to start afresh");
      }
      KeyPair ca = CertificateFactoryBc.keyPair("ES256");
      X509Certificate caCert = CertificateFactoryBc.selfSignedCa(ca, "CSS Simulator Test CA", CA_VALIDITY);
      Pem.write(caKey(), Pem.privateKey(ca.getPrivate()), true);
      Pem.write(caCertificate(), Pem.certificate(caCert), false);
      createdCa = true;
      created.add("ca.crt");
    }
    if (!Files.exists(dir.resolve("tls.crt")) || !Files.exists(dir.resolve("tls.key"))) {
      KeyPair tls = CertificateFactoryBc.keyPair("ES256");
      X509Certificate cert = CertificateFactoryBc.tlsServer(tls, caCert(), caPrivateKey(), localNames(), LEAF_VALIDITY);
      Pem.write(dir.resolve("tls.key"), Pem.privateKey(tls.getPrivate()), true);
      Pem.write(dir.resolve("tls.crt"), Pem.certificate(cert), false);
      created.add("tls.crt");
    }
    for (Map.Entry<String, String> party : partyAlgorithms.entrySet()) {
      if (!Files.exists(partyCertificate(party.getKey())) || !Files.exists(partyKey(party.getKey()))) {
        issue(party.getKey(), party.getKey(), party.getValue());
        created.add("parties/" + party.getKey() + ".crt");
      }
    }
    return new Outcome(createdCa, created);
  }

  /**
   * Issues a further key and certificate for {@code mpid}, stored as
   * {@code parties/<fileName>.crt|.key} (for example a second key for rotation).
   */
  public X509Certificate issue(String mpid, String fileName, String jwsAlgorithm) throws IOException {
    KeyPair key = CertificateFactoryBc.keyPair(jwsAlgorithm);
    X509Certificate cert = CertificateFactoryBc.party(mpid, key.getPublic(), caCert(), caPrivateKey(), LEAF_VALIDITY);
    Pem.write(partyKey(fileName), Pem.privateKey(key.getPrivate()), true);
    Pem.write(partyCertificate(fileName), Pem.certificate(cert), false);
    return cert;
  }

  /** A TLS server's certificate, as issued by {@link #issueServer}. */
  public Path serverCertificate(String fileName) {
    return dir.resolve("servers").resolve(fileName + ".crt");
  }

  public Path serverKey(String fileName) {
    return dir.resolve("servers").resolve(fileName + ".key");
  }

  /**
   * Issues a TLS server certificate (EC P-256, serverAuth) for {@code hosts} (names, or IP
   * literals) from the test CA, stored as {@code servers/<fileName>.crt|.key}: for a webhook
   * receiver the simulator must trust, which it does for anything the test CA issued.
   */
  public X509Certificate issueServer(String fileName, List<String> hosts) throws IOException {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a server certificate names at least one host");
    }
    List<GeneralName> names = new ArrayList<>();
    for (String h : hosts) {
      names.add(isIpLiteral(h)
          ? new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(h).getAddress()))
          : new GeneralName(GeneralName.dNSName, h));
    }
    KeyPair key = CertificateFactoryBc.keyPair("ES256");
    X509Certificate cert = CertificateFactoryBc.tlsServer(key, caCert(), caPrivateKey(), names, LEAF_VALIDITY);
    Pem.write(serverKey(fileName), Pem.privateKey(key.getPrivate()), true);
    Pem.write(serverCertificate(fileName), Pem.certificate(cert), false);
    return cert;
  }

  /** An IPv4 or IPv6 literal (no lookup is made for a name: InetAddress would resolve it). */
  private static boolean isIpLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private X509Certificate caCert() throws IOException {
    return Pem.readCertificate(caCertificate());
  }

  private PrivateKey caPrivateKey() throws IOException {
    if (!Files.exists(caKey())) {
      throw new IOException(caKey() + " is missing: the test CA cannot issue certificates without it");
    }
    return Pem.readPrivateKey(caKey());
  }

  private static List<GeneralName> localNames() {
    try {
      return List.of(
          new GeneralName(GeneralName.dNSName, "localhost"),
          new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("127.0.0.1").getAddress())),
          new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName("::1").getAddress())));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
