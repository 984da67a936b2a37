package org.csssim.internal.http;

import org.bouncycastle.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Netty's JDK TLS server context checks once a process, when its class is first used, whether it
 * may wrap a trust manager: it reads an RSA key of its own through BouncyCastle, puts it in a key
 * store and loads the JDK's trusted certificates. Vert.x makes the listener's context on the
 * first connection, so this ran inside the first client's handshake, where it was half of that
 * request's 0.3 s; two thirds of it was BouncyCastle testing the key's modulus for primality,
 * in code not yet compiled (JFR, docs/performance.md).
 *
 * <p>{@link #runNow} runs that check as the listener opens instead, with BouncyCastle's test of
 * RSA moduli skipped for this thread alone while it runs (BouncyCastle's own per-thread
 * override): the key is a constant of Netty's, used only for that check and never to sign or
 * decrypt. Every other key is tested as before. Should either library change, the check only
 * costs its time again.
 */
public final class NettyTlsProbe {
  private static final Logger LOG = LoggerFactory.getLogger(NettyTlsProbe.class);
  private static final String NETTY_JDK_SERVER_CONTEXT = "io.netty.handler.ssl.JdkSslServerContext";
  private static final String SKIP_RSA_MODULUS_TEST = "org.bouncycastle.rsa.allow_unsafe_mod";

  private NettyTlsProbe() {}

  public static void runNow() {
    boolean wasSet = Properties.setThreadOverride(SKIP_RSA_MODULUS_TEST, true);
    try {
      Class.forName(NETTY_JDK_SERVER_CONTEXT, true, NettyTlsProbe.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      LOG.debug("Netty's TLS check did not run early ({}); the first handshake runs it", e.toString());
    } finally {
      if (!wasSet) {
        Properties.removeThreadOverride(SKIP_RSA_MODULUS_TEST);
      }
    }
  }
}
