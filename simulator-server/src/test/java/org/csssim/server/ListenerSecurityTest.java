package org.csssim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.csssim.internal.pki.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listener as a scanner sees it, on the real server process: a client may not renegotiate,
 * TLS 1.2 offers authenticated encryption only (no CBC suite), and the answers carry HSTS and
 * the usual security headers, the dashboard and admin API a content security policy and no-store.
 */
class ListenerSecurityTest {
  static Process server;
  static int port;
  static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("css-listener");
    port = ServerProcess.freePort();
    server = ServerProcess.start(dir, port, Map.of("SIMULATOR_STORE", "memory"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("ca", Pem.readCertificate(dir.resolve("pki/ca.crt")));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.destroy();
    server.waitFor();
  }

  private static SSLSocket tls12(String... suites) throws IOException {
    SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", port);
    s.setEnabledProtocols(new String[] {"TLSv1.2"});
    if (suites.length > 0) {
      s.setEnabledCipherSuites(suites);
    }
    s.setSoTimeout(10_000);
    return s;
  }

  @Test
  void aClientMayNotRenegotiate() throws Exception {
    try (SSLSocket s = tls12()) {
      s.startHandshake();
      assertTrue(s.getSession().getCipherSuite().contains("_GCM_") || s.getSession().getCipherSuite().contains("CHACHA20"),
          s.getSession().getCipherSuite());
      // a second handshake on the same connection is a renegotiation: the server ends the connection
      IOException refused = assertThrows(IOException.class, () -> {
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = s.getInputStream();
        if (in.read() < 0) {
          throw new java.io.EOFException("closed");
        }
      });
      assertTrue(refused instanceof SSLException || refused instanceof java.io.EOFException
          || refused instanceof java.net.SocketException, refused.toString());
    }
  }

  @Test
  void tls12OffersAuthenticatedEncryptionOnly() throws Exception {
    try (SSLSocket cbc = tls12("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256")) {
      assertThrows(SSLException.class, cbc::startHandshake, "no CBC suite is offered");
    }
    for (String aead : new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"}) {
      try (SSLSocket s = tls12(aead)) {
        s.startHandshake();
        assertEquals(aead, s.getSession().getCipherSuite());
      }
    }
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newBuilder().sslContext(trusting).build().send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : new String[] {"/health", "/", "/admin/v1/clock", "/css/v1/no-such-path"}) {
      var h = get(path).headers();
      assertEquals("max-age=31536000", h.firstValue("Strict-Transport-Security").orElse(null), path);
      assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null), path);
      assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null), path);
      assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null), path);
    }
    for (String path : new String[] {"/", "/admin/v1/clock"}) {
      var h = get(path).headers();
      assertEquals("no-store", h.firstValue("Cache-Control").orElse(null), path);
      assertTrue(h.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path);
    }
    assertTrue(get("/").headers().firstValue("Content-Security-Policy").orElse("").contains("connect-src 'self'"));
  }
}
