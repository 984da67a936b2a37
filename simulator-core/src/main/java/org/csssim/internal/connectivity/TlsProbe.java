package org.csssim.internal.connectivity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS as a client sees it: a handshake at one protocol version, recording the chain the server
 * presents (trust is judged afterwards, by {@link Certificates}, so a failure can say exactly
 * what is wrong); and a probe that offers only TLS 1.1 or 1.0 and tells whether the server
 * accepts it. The probe writes its ClientHello by hand: the JDK refuses to offer those versions
 * at all (jdk.tls.disabledAlgorithms), and asking a server is exactly what is to be checked.
 */
final class TlsProbe {
  private TlsProbe() {}

  record Handshake(String protocol, String cipherSuite, List<X509Certificate> chain) {}

  static Socket connect(InetAddress address, int port, Duration timeout) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
    s.setSoTimeout((int) timeout.toMillis());
    return s;
  }

  /** A handshake offering only {@code protocol} ("TLSv1.3", "TLSv1.2"), with SNI for a name. */
  static Handshake handshake(InetAddress address, int port, String serverName, String protocol, Duration timeout)
      throws IOException {
    Recorder recorder = new Recorder();
    SSLContext context;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {recorder}, new SecureRandom());
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("no TLS here: " + e.getMessage(), e);
    }
    try (Socket plain = connect(address, port, timeout);
         SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName, port, true)) {
      tls.setEnabledProtocols(new String[] {protocol});
      SSLParameters params = tls.getSSLParameters();
      if (!Names.isLiteral(serverName)) {
        params.setServerNames(List.of(new SNIHostName(serverName)));
      }
      tls.setSSLParameters(params);
      tls.startHandshake();
      return new Handshake(tls.getSession().getProtocol(), tls.getSession().getCipherSuite(), recorder.chain);
    }
  }

  /** How a server answered a ClientHello of an old version. */
  enum Legacy { ACCEPTED, REFUSED }

  /**
   * Offers only {@code minor} (2: TLS 1.1, 1: TLS 1.0) with the CBC suites those versions
   * had: a ServerHello at that version or lower is acceptance; an alert, a close or a higher
   * version is refusal. A timeout is thrown, never taken as refusal.
   */
  static Legacy offerLegacy(InetAddress address, int port, String serverName, int minor, Duration timeout) throws IOException {
    try (Socket s = connect(address, port, timeout)) {
      OutputStream out = s.getOutputStream();
      out.write(clientHello(serverName, minor));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] header = in.readNBytes(5);
      if (header.length < 5 || header[0] != 0x16) {
        return Legacy.REFUSED;   // an alert (0x15) or the connection closed
      }
      byte[] hello = in.readNBytes(6);
      if (hello.length < 6 || hello[0] != 0x02) {
        return Legacy.REFUSED;
      }
      int major = hello[4] & 0xff;
      int chosen = hello[5] & 0xff;
      return major == 3 && chosen <= minor ? Legacy.ACCEPTED : Legacy.REFUSED;
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (java.net.SocketException e) {
      return Legacy.REFUSED;   // reset as soon as the hello arrived
    }
  }

  private static byte[] clientHello(String serverName, int minor) {
    java.io.ByteArrayOutputStream ext = new java.io.ByteArrayOutputStream();
    if (!Names.isLiteral(serverName)) {
      byte[] name = serverName.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      extension(ext, 0x0000, concat(u16(name.length + 3), new byte[] {0}, u16(name.length), name));
    }
    extension(ext, 0x000a, concat(u16(4), u16(0x0017), u16(0x0018)));   // supported groups: P-256, P-384
    extension(ext, 0x000b, new byte[] {1, 0});                           // point formats: uncompressed
    extension(ext, 0xff01, new byte[] {0});                              // renegotiation_info, empty
    int[] suites = {0xc009, 0xc00a, 0xc013, 0xc014, 0x002f, 0x0035, 0x000a};
    java.io.ByteArrayOutputStream cs = new java.io.ByteArrayOutputStream();
    for (int suite : suites) {
      cs.writeBytes(u16(suite));
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] extensions = ext.toByteArray();
    byte[] body = concat(new byte[] {3, (byte) minor}, random, new byte[] {0}, u16(cs.size()), cs.toByteArray(),
        new byte[] {1, 0}, u16(extensions.length), extensions);
    byte[] handshake = concat(new byte[] {1, (byte) (body.length >> 16), (byte) (body.length >> 8), (byte) body.length}, body);
    return concat(new byte[] {0x16, 3, 1}, u16(handshake.length), handshake);
  }

  private static void extension(java.io.ByteArrayOutputStream out, int type, byte[] data) {
    out.writeBytes(u16(type));
    out.writeBytes(u16(data.length));
    out.writeBytes(data);
  }

  private static byte[] u16(int v) {
    return new byte[] {(byte) (v >> 8), (byte) v};
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Trusts whatever it is shown and remembers it: the chain is judged after the handshake. */
  private static final class Recorder extends X509ExtendedTrustManager {
    private List<X509Certificate> chain = List.of();

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket) {
      chain = List.of(c);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
      chain = List.of(c);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType) {
      chain = List.of(c);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket) {
      throw new UnsupportedOperationException("a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine) {
      throw new UnsupportedOperationException("a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType) {
      throw new UnsupportedOperationException("a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
