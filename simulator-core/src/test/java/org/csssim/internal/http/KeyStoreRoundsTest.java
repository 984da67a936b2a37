package org.csssim.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagFactory;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command line's key stores, which stay in memory: a key put into a PKCS#12 store is
 * encrypted with one round, unless the process chose its own count. Read from the store's
 * encoding, where the JDK writes the rounds it used.
 */
class KeyStoreRoundsTest {
  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(HttpsOptions.KEY_PBE_ITERATIONS);
    System.clearProperty(HttpsOptions.KEY_PBE_ITERATIONS);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(HttpsOptions.KEY_PBE_ITERATIONS);
    } else {
      System.setProperty(HttpsOptions.KEY_PBE_ITERATIONS, before);
    }
  }

  @Test
  void theJdkDefaultIsTenThousandRounds() throws Exception {
    assertEquals(10_000, roundsOfAKeyPutIn());
  }

  @Test
  void oneRoundOnceTheCommandLineSaysSo() throws Exception {
    HttpsOptions.keyStoresStayInMemory();
    assertEquals(1, roundsOfAKeyPutIn());
  }

  @Test
  void theProcessOwnCountIsKept() throws Exception {
    System.setProperty("keystore.pkcs12.keyPbeIterationCount", "2000");
    HttpsOptions.keyStoresStayInMemory();
    assertEquals(2000, roundsOfAKeyPutIn());
  }

  /** Puts a key into a PKCS#12 store as Vert.x does, and reads the PBKDF2 rounds its encoding gives the key. */
  private static int roundsOfAKeyPutIn() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    KeyPair kp = g.generateKeyPair();
    X500Name name = new X500Name("CN=rounds");
    Instant now = Instant.now();
    X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
        BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)), name, kp.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    char[] password = "in-memory".toCharArray();
    ks.setKeyEntry("k", kp.getPrivate(), password, new Certificate[] {cert});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, password);
    for (var info : new PKCS12PfxPdu(out.toByteArray()).getContentInfos()) {
      if (!info.getContentType().equals(PKCSObjectIdentifiers.data)) {
        continue;   // the certificates' bag, encrypted as a whole
      }
      for (PKCS12SafeBag bag : new PKCS12SafeBagFactory(info).getSafeBags()) {
        if (bag.getType().equals(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag)) {
          var alg = ((PKCS8EncryptedPrivateKeyInfo) bag.getBagValue()).getEncryptionAlgorithm();
          var pbes2 = PBES2Parameters.getInstance(alg.getParameters());
          return PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters()).getIterationCount().intValueExact();
        }
      }
    }
    throw new AssertionError("no encrypted key in " + List.of(new PKCS12PfxPdu(out.toByteArray()).getContentInfos()));
  }
}
