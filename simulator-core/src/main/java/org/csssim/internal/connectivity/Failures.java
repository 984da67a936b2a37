package org.csssim.internal.connectivity;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.file.NoSuchFileException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.csssim.internal.connectivity.Step.Outcome;

/** What a thrown exception means to the person reading the report, and what they could do about it. */
final class Failures {
  private static final String FILES = "check the file named (PEM); make test ones with: java -jar css-simulator.jar pki issue";

  private Failures() {}

  /** {@code e} as a failed step: what was seen, and the fix where one is known. */
  static Outcome outcome(Throwable e) {
    Throwable root = root(e);
    if (root instanceof ConnectException) {
      return Outcome.fail("nothing is listening (connection refused)",
          "start the server, or check the host and port; a firewall may refuse the port");
    }
    if (root instanceof SocketTimeoutException || root instanceof java.util.concurrent.TimeoutException) {
      return Outcome.fail("no answer in time", "check that the far end is up and that nothing between drops the packets");
    }
    if (root instanceof NoRouteToHostException) {
      return Outcome.fail("no route to the host", null);
    }
    if (e instanceof SSLHandshakeException || root instanceof SSLException) {
      return Outcome.fail("the TLS handshake failed: " + root.getMessage(), "compare the protocols and cipher suites both ends allow");
    }
    if (root instanceof NoSuchFileException f) {
      return Outcome.fail("no file " + f.getFile(), FILES);
    }
    if (root instanceof EOFException) {
      return Outcome.fail("the connection closed mid-answer", null);
    }
    String m = root.getMessage();
    return Outcome.fail(root.getClass().getSimpleName() + (m == null ? "" : ": " + m),
        root instanceof CertificateException ? FILES : null);
  }

  private static Throwable root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof SocketTimeoutException)) {
      t = t.getCause();
    }
    return t;
  }
}
