package org.csssim.internal.http;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

/** Server TLS from the configuration: only the protocols configured (TLS 1.3 and 1.2 at most), optional mutual TLS. */
public final class HttpsOptions {
  /**
   * Authenticated encryption only: the TLS 1.3 suites (all AEAD) and, for TLS 1.2, ECDHE with
   * AES-GCM or ChaCha20-Poly1305, for EC and RSA server keys alike. No CBC suite (LUCKY13 and its
   * kin), no static RSA key exchange (no forward secrecy), nothing weaker.
   */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /**
   * The JDK reads whether its TLS servers refuse a client's renegotiation once, when the first
   * server handshake of the process runs, from this system property. A renegotiation the client
   * starts costs the server a handshake for the client's price of a few bytes, and carries
   * TLS 1.2's renegotiation attacks; nothing here needs it.
   */
  static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

  /**
   * How many rounds of HMAC-SHA256 the JDK spends encrypting a private key put into a PKCS#12
   * key store (10,000 by default), read each time one is put in. To hand a PEM key to the JDK's
   * TLS, Vert.x puts it into such a store in memory and takes it out again, twice for each
   * context, and Netty does the same once more for a probe when its first server context is
   * made. Those stores are never written anywhere, so the encryption protects nothing; at the
   * default it was a fifth of the CPU a start of the simulator spent in Java code, and a sixth
   * of the C2 compiler's time (JFR, docs/performance.md).
   */
  static final String KEY_PBE_ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";

  private HttpsOptions() {}

  /**
   * Encrypts the keys of PKCS#12 stores with one round, unless the process says otherwise. Only
   * for a process of the simulator's own, the command line, where every such store stays in
   * memory: nothing it runs writes one to a file. A JVM that embeds the simulator keeps its own
   * setting.
   */
  public static void keyStoresStayInMemory() {
    if (System.getProperty(KEY_PBE_ITERATIONS) == null) {
      System.setProperty(KEY_PBE_ITERATIONS, "1");
    }
  }

  /**
   * Makes the JDK refuse client-initiated renegotiation, unless the process says otherwise:
   * called before the listener serves its first handshake (and first thing by the command line).
   */
  public static void refuseClientRenegotiation() {
    if (System.getProperty(REJECT_RENEGOTIATION) == null) {
      System.setProperty(REJECT_RENEGOTIATION, "true");
    }
  }

  public static HttpServerOptions of(ListenerOptions listener, Path dataDir, int port) {
    TlsOptions tls = listener.tls();
    HttpServerOptions o = new HttpServerOptions()
        .setHost(listener.host())
        .setPort(port)
        .setSsl(true)
        .setUseAlpn(true)
        .setKeyCertOptions(new PemKeyCertOptions()
            .setCertPath(dataDir.resolve(tls.certificate()).toString())
            .setKeyPath(dataDir.resolve(tls.key()).toString()))
        .setEnabledSecureTransportProtocols(new LinkedHashSet<>(tls.protocols()))
        .setCompressionSupported(false);
    CIPHER_SUITES.forEach(o::addEnabledCipherSuite);
    if (tls.clientAuth() != TlsOptions.ClientAuthMode.none) {
      PemTrustOptions trust = new PemTrustOptions();
      tls.trust().forEach(t -> trust.addCertPath(dataDir.resolve(t).toString()));
      o.setTrustOptions(trust)
          .setClientAuth(tls.clientAuth() == TlsOptions.ClientAuthMode.required ? ClientAuth.REQUIRED : ClientAuth.REQUEST);
    }
    return o;
  }
}
