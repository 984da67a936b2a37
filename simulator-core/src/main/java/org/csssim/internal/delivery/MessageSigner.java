package org.csssim.internal.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.internal.jws.JwsSigner;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.party.Party;

/**
 * Signs a message as a party, in that party's profile: the one component everything the
 * simulator sends goes through (webhooks, simulated parties' requests, the benchmarks).
 * Signers are built once per key and shared.
 */
public final class MessageSigner {
  private final Map<String, JwsSigner> signers = new ConcurrentHashMap<>();

  /** A signed message ready to send: its Content-Type, its body and any signature header. */
  public record Signed(String contentType, byte[] body, Map<String, String> headers) {}

  public static final String SIGNATURE_HEADER = "X-JWS-Signature";

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
