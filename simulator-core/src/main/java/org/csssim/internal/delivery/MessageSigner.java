package org.csssim.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.internal.jws.JwsSigner;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.jws.VerificationKey;
import org.csssim.internal.party.Party;
import org.csssim.internal.signature.HeaderSignature;

/**
 * Signs a message as a party, in that party's profile: the one component everything the
 * simulator sends goes through (webhooks, simulated parties' requests, the benchmarks).
 * Signers are built once per key and shared.
 */
public final class MessageSigner {
  private final Map<String, JwsSigner> signers = new ConcurrentHashMap<>();
  private final HeaderSignature headers;

  /** A signer of JWS, in each party's profile. */
  public MessageSigner() {
    this(null);
  }

  /** A signer with {@code headers} (a catalogue's header signature) instead of JWS, or of JWS when null. */
  public MessageSigner(HeaderSignature headers) {
    this.headers = headers;
  }

  /** A signed message ready to send: its Content-Type, its body and any signature header. */
  public record Signed(String contentType, byte[] body, Map<String, String> headers) {}

  public static final String SIGNATURE_HEADER = "X-JWS-Signature";

  /**
   * {@code body} signed as {@code as} for a request {@code method url}: with the catalogue's
   * signature headers, which cover the method and URL, or as {@link #sign(Party, byte[])}.
   */
  public Signed sign(Party as, String method, String url, byte[] body) {
    if (headers == null) {
      return sign(as, body);
    }
    java.security.cert.X509Certificate certificate = as.keys().stream()
        .filter(k -> k.kid().equals(as.signingKid())).map(VerificationKey::certificate).findFirst()
        .orElseThrow(() -> new IllegalStateException("the simulator has no certificate for " + as.mpid()
            + "'s signing key " + as.signingKid() + "; configure keys for it to sign as this party"));
    if (as.signingKey() == null) {
      throw new IllegalStateException("the simulator has no signing key for " + as.mpid());
    }
    return new Signed("application/json", body, headers.sign(method, url, body, as.signingKey(), certificate,
        java.time.Instant.now()));
  }

  /** A JWS-signed body in the party's profile (detached or compact). */
  public Signed sign(Party as, byte[] json) {
    JwsSigner signer = signerFor(as);
    if (as.signing().profile() == Signing.Profile.compact) {
      return new Signed("application/jose", signer.compact(json).getBytes(StandardCharsets.US_ASCII), Map.of());
    }
    return new Signed("application/json", json, Map.of(SIGNATURE_HEADER, signer.detached(json)));
  }

  /** The detached signature over a bodiless request's path and query, as an enquiry is signed. */
  public String signUri(Party as, String pathAndQuery) {
    return detached(as, pathAndQuery.getBytes(StandardCharsets.UTF_8));
  }

  /** The {@code X-JWS-Signature} value over {@code content}, whatever the party's profile. */
  public String detached(Party as, byte[] content) {
    return signerFor(as).detached(content);
  }

  private JwsSigner signerFor(Party as) {
    if (as.signingKey() == null) {
      throw new IllegalStateException("the simulator has no signing key for " + as.mpid()
          + "; configure signingKey for it to act as this party");
    }
    return signers.computeIfAbsent(as.mpid() + "/" + as.signingKid(),
        k -> new JwsSigner(as.signingKey(), as.signingKid(), as.signing().algorithm(), as.testPkiKey()));
  }
}
