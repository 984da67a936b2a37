package org.csssim.internal.connectivity;

import java.net.InetAddress;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the connectivity test asks of a certificate: its chain, its names, its dates, its key. */
final class Certificates {
  private static final java.security.spec.ECParameterSpec P256 = p256();

  private Certificates() {}

  private static java.security.spec.ECParameterSpec p256() {
    try {
      java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
      p.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(java.security.spec.ECParameterSpec.class);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no P-256", e);
    }
  }

  /** Null when {@code chain} (leaf first) leads to one of {@code anchors} today; else why not, in a sentence. */
  static String chainProblem(List<X509Certificate> chain, Collection<X509Certificate> anchors) {
    if (chain.isEmpty()) {
      return "no certificate was presented";
    }
    Set<TrustAnchor> trust = new HashSet<>();
    anchors.forEach(a -> trust.add(new TrustAnchor(a, null)));
    if (trust.isEmpty()) {
      return "the trust given holds no certificate";
    }
    List<X509Certificate> path = new ArrayList<>(chain);
    // an anchor sent in the chain is not part of the path to validate
    path.removeIf(c -> anchors.contains(c));
    if (path.isEmpty()) {
      return null;
    }
    try {
      PKIXParameters params = new PKIXParameters(trust);
      params.setRevocationEnabled(false);   // a test environment's CAs publish no revocation lists
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return null;
    } catch (CertPathValidatorException e) {
      if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return "a certificate in the chain has expired (" + e.getMessage() + ")";
      }
      if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
        return "a certificate in the chain is not valid yet (" + e.getMessage() + ")";
      }
      X509Certificate top = path.get(path.size() - 1);
      return "the chain does not lead to a CA in the trust given: it ends at " + top.getSubjectX500Principal().getName()
          + ", issued by " + top.getIssuerX500Principal().getName();
    } catch (java.security.GeneralSecurityException e) {
      return "the chain cannot be checked: " + e.getMessage();
    }
  }

  /** The DNS names and IP addresses a certificate names (its subjectAltName). */
  static List<String> names(X509Certificate cert) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          int type = (Integer) san.get(0);
          if (type == 2 || type == 7) {   // dNSName, iPAddress
            out.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no names read: the name check then fails and says so
    }
    return out;
  }

  /** Whether {@code cert} names {@code host}: an IP SAN for an address, a DNS SAN (one left-most wildcard label) for a name. */
  static boolean names(X509Certificate cert, String host) {
    String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
    for (String name : names(cert)) {
      String n = name.toLowerCase(Locale.ROOT);
      if (Names.isLiteral(h)) {
        if (Names.isLiteral(n) && sameAddress(n, h)) {
          return true;
        }
      } else if (n.equals(h) || (n.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(n.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameAddress(String a, String b) {
    try {
      return InetAddress.getByName(a).equals(InetAddress.getByName(b));
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static long daysLeft(X509Certificate cert, Instant now) {
    return Duration.between(now, cert.getNotAfter().toInstant()).toDays();
  }

  /** Null when the key is one the signing profiles allow (EC P-256, RSA of 2048 bits or more); else what it is. */
  static String keyProblem(java.security.PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return ec.getParams().getCurve().equals(P256.getCurve()) && ec.getParams().getGenerator().equals(P256.getGenerator())
          ? null : "an EC key on another curve (" + ec.getParams().getOrder().bitLength() + "-bit), not P-256 (ES256)";
    }
    if (key instanceof RSAPublicKey rsa) {
      int bits = rsa.getModulus().bitLength();
      return bits >= 2048 ? null : "an RSA key of " + bits + " bits, fewer than 2048 (PS256)";
    }
    return "a " + key.getAlgorithm() + " key: JWS here takes EC P-256 (ES256) or RSA (PS256)";
  }

  static String describe(java.security.PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return "EC " + ec.getParams().getOrder().bitLength() + "-bit";
    }
    if (key instanceof RSAPublicKey rsa) {
      return "RSA " + rsa.getModulus().bitLength() + "-bit";
    }
    return key.getAlgorithm();
  }
}
