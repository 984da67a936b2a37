package org.csssim.internal.connectivity;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What one connectivity test checks, in one direction:
 * <ul>
 * <li>{@link Direction#TO_CSS}, the participant's view: {@code target} is the CSS's base URL;
 *   the participant ({@code as}) signs with {@code key}, whose certificate is
 *   {@code certificate}; the CSS's notifications come to a receiver the test opens at
 *   {@code callbackHost:callbackPort} with {@code callbackCertificate}/{@code callbackKey},
 *   and are checked against the keys the CSS publishes ({@code cssKeys}: a file or URL of PEM
 *   certificates or a JWK set; by default {@code target}/pki/parties/{css}/jwks.json).</li>
 * <li>{@link Direction#TO_PARTICIPANT}, the operator's view: {@code target} is the
 *   participant's webhook URL; the CSS ({@code css}) signs a test notification with
 *   {@code key}/{@code certificate}; {@code participantCertificate} (a file or URL) is the
 *   signing certificate the participant published.</li>
 * </ul>
 * {@code trust}: the CA certificates (PEM) the far end's TLS and signing certificates must
 * lead to. {@code dns}: the resolver to ask (null: the system's). Every step gives up after
 * {@code timeout}; phase 4 waits {@code answerTimeout} for the asynchronous answer.
 */
public record ConnectivityPlan(Direction direction, URI target, String as, String css, Path certificate, Path key,
                               Path trust, InetSocketAddress dns, Duration timeout, Duration answerTimeout, String adminToken,
                               String callbackHost, int callbackPort, Path callbackCertificate, Path callbackKey,
                               String cssKeys, String participantCertificate, String send, String expect) {
  public enum Direction {
    TO_CSS("participant → CSS"), TO_PARTICIPANT("CSS → participant");

    private final String label;

    Direction(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /** Who signs in this direction: the participant to the CSS, the CSS to the participant. */
    public String signer(String as, String css) {
      return this == TO_CSS ? as : css;
    }

    /** {@code to-css} or {@code to-participant}, as the command and the API take it. */
    public static Direction parse(String s) {
      return switch (s == null ? "to-css" : s) {
        case "to-css" -> TO_CSS;
        case "to-participant" -> TO_PARTICIPANT;
        default -> throw new IllegalArgumentException("direction is to-css or to-participant, not " + s);
      };
    }
  }

  public ConnectivityPlan {
    if (target == null || !"https".equals(target.getScheme()) || target.getHost() == null) {
      throw new IllegalArgumentException("the target is an https URL with a host, not " + target);
    }
  }

  /** The target's port, 443 when the URL names none. */
  public int port() {
    return target.getPort() < 0 ? 443 : target.getPort();
  }

  /** The target's host as the certificate must name it (an IPv6 literal without its brackets). */
  public String host() {
    return target.getHost().replaceAll("^\\[|]$", "");
  }

  /** The target's origin, {@code https://host:port}, without a path. */
  public String origin() {
    return "https://" + target.getRawAuthority();
  }

  public static InetSocketAddress resolver(String spec) {
    return Names.resolverAt(spec);
  }

  /** {@code url} as a target, trailing slashes dropped; {@code option} names it in the error. */
  public static URI target(String url, String option) {
    try {
      return new URI(url.replaceAll("/+$", ""));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException(option + " is not a URL: " + e.getMessage());
    }
  }

  /** Where a data directory's test PKI keeps what a plan needs: the defaults of the command and the admin API. */
  public record TestPkiFiles(Path pki) {
    public Path certificate(String mpid) {
      return pki.resolve("parties/" + mpid + ".crt");
    }

    public Path key(String mpid) {
      return pki.resolve("parties/" + mpid + ".key");
    }

    public Path trust() {
      return pki.resolve("ca.crt");
    }

    public Path tlsCertificate() {
      return pki.resolve("tls.crt");
    }

    public Path tlsKey() {
      return pki.resolve("tls.key");
    }

    /** The participant's certificate, to-participant's default for what it published: null when the test PKI has none. */
    public String published(String mpid) {
      return java.nio.file.Files.exists(certificate(mpid)) ? certificate(mpid).toString() : null;
    }
  }
}
