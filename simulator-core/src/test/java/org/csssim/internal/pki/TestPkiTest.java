package org.csssim.internal.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/** The test PKI laid out as the contract's section 5 says, reused on later starts, and served publicly. */
class TestPkiTest {
  @Test
  void firstStartCreatesTheLayoutAndLaterStartsReuseIt() throws Exception {
    Path dir = Files.createTempDirectory("css-pki");
    byte[] ca;
    byte[] supa;
    try (Harness h = Harness.start(dir, c -> c)) {
      assertTrue(h.sim.pkiOutcome().createdCa());
      Path pki = dir.resolve("pki");
      for (String f : List.of("ca.crt", "tls.crt", "tls.key")) {
        assertTrue(Files.exists(pki.resolve(f)), f);
      }
      for (String mpid : List.of("CSS", "SUPA", "SUPB", "SUPC", "GRDA", "ERDA", "DCC", "EES", "GES", "ECOS",
          "SHIPA", "MEMA", "MAPA", "DAA", "DCA")) {
        assertTrue(Files.exists(pki.resolve("parties/" + mpid + ".crt")), mpid);
        assertTrue(Files.readString(pki.resolve("parties/" + mpid + ".key")).startsWith("-----BEGIN PRIVATE KEY-----"),
            "PKCS#8 PEM");
      }
      assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
          java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(pki.resolve("parties/SUPA.key")));

      X509Certificate tls = Pem.readCertificate(pki.resolve("tls.crt"));
      Set<String> names = tls.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1)))
          .collect(Collectors.toSet());
      assertTrue(names.containsAll(Set.of("localhost", "127.0.0.1")), names.toString());
      assertTrue(names.stream().anyMatch(n -> n.startsWith("0:0:0:0:0:0:0:1")), names.toString());
      X509Certificate caCert = Pem.readCertificate(pki.resolve("ca.crt"));
      tls.verify(caCert.getPublicKey());
      Pem.readCertificate(pki.resolve("parties/SUPA.crt")).verify(caCert.getPublicKey());
      assertEquals("CN=SUPA,O=CSS Simulator test PKI",
          Pem.readCertificate(pki.resolve("parties/SUPA.crt")).getSubjectX500Principal().getName());
      ca = Files.readAllBytes(pki.resolve("ca.crt"));
      supa = Files.readAllBytes(pki.resolve("parties/SUPA.key"));

      Harness.Response served = h.send(HttpMethod.GET, "/pki/ca.crt", Map.of(), null);
      assertEquals(200, served.status());
      assertEquals(new String(ca), served.body());
      Harness.Response cert = h.send(HttpMethod.GET, "/pki/parties/SUPA.crt", Map.of(), null);
      assertEquals(Files.readString(pki.resolve("parties/SUPA.crt")), cert.body());
      assertEquals(404, h.send(HttpMethod.GET, "/pki/parties/NOBODY.crt", Map.of(), null).status());
      var jwks = h.send(HttpMethod.GET, "/pki/parties/CSS/jwks.json", Map.of(), null).json();
      assertEquals(h.party("CSS").signingKid(), jwks.getJsonArray("keys").getJsonObject(0).getString("kid"));
      assertEquals(KeyIds.kid(Pem.readCertificate(pki.resolve("parties/CSS.crt"))), h.party("CSS").signingKid());
    }
    try (Harness h = Harness.start(dir, c -> c)) {
      assertTrue(h.sim.pkiOutcome().created().isEmpty(), "nothing created on the second start");
      assertArrayEquals(ca, Files.readAllBytes(dir.resolve("pki/ca.crt")));
      assertArrayEquals(supa, Files.readAllBytes(dir.resolve("pki/parties/SUPA.key")));
    }
  }

  @Test
  void rsaPartiesGetRsaKeys() throws Exception {
    Path dir = Files.createTempDirectory("css-pki-rsa");
    TestPki pki = new TestPki(dir);
    pki.ensure(Map.of("SUPR", "PS256"));
    assertEquals("RSA", Pem.readCertificate(pki.partyCertificate("SUPR")).getPublicKey().getAlgorithm());
    assertEquals("RSA", Pem.readPrivateKey(pki.partyKey("SUPR")).getAlgorithm());
  }

}
