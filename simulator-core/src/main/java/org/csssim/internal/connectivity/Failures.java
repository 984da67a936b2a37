package org.csssim.internal.connectivity;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** What a thrown exception means to the person reading the report, and what they could do about it. */
final class Failures {
  private Failures() {}

  static String describe(Throwable e) {
    Throwable root = root(e);
    if (root instanceof ConnectException) {
      return "nothing is listening (connection refused)";
    }
    if (root instanceof SocketTimeoutException || root instanceof java.net.http.HttpTimeoutException) {
      return "no answer in time";
    }
    if (root instanceof NoRouteToHostException) {
      return "no route to the host";
    }
    if (e instanceof SSLHandshakeException || root instanceof SSLException) {
      return "the TLS handshake failed: " + root.getMessage();
    }
    if (root instanceof java.nio.file.NoSuchFileException f) {
      return "no file " + f.getFile();
    }
    if (root instanceof java.io.EOFException) {
      return "the connection closed mid-answer";
    }
    String m = root.getMessage();
    return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  static String fix(Throwable e) {
    Throwable root = root(e);
    if (root instanceof ConnectException) {
      return "start the server, or check the host and port; a firewall may refuse the port";
    }
    if (root instanceof SocketTimeoutException || root instanceof java.net.http.HttpTimeoutException) {
      return "check that the far end is up and that nothing between drops the packets";
    }
    if (e instanceof SSLHandshakeException || root instanceof SSLException) {
      return "compare the protocols and cipher suites both ends allow";
    }
    if (root instanceof java.nio.file.NoSuchFileException || root instanceof CertificateException) {
      return "check the file named (PEM); make test ones with: java -jar css-simulator.jar pki issue";
    }
    return null;
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof SocketTimeoutException)) {
      t = t.getCause();
    }
    return t;
  }
}
