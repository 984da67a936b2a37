package org.csssim.internal.jws;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.Optional;
import java.util.function.Function;
import org.csssim.internal.json.Json;

/**
 * Verifies detached (RFC 7515 appendix F) and compact JWS. The protected header is read first
 * and its {@code alg} checked against the allowlist before any key is touched; the key is then
 * found by {@code kid}, so the signer is known whatever the message claims.
 */
public final class JwsVerifier {
  private final Function<String, Optional<VerificationKey>> keys;

  public JwsVerifier(Function<String, Optional<VerificationKey>> keysByKid) {
    this.keys = keysByKid;
  }

  /** A verified signature: whose key made it, and with which algorithm. */
  public record Verified(VerificationKey key, String algorithm) {}

  /** A verified compact JWS and the payload it carries. */
  public record VerifiedCompact(Verified signature, byte[] payload) {}

  /** {@code headerValue} is {@code BASE64URL(header)..BASE64URL(signature)}, signed over {@code content}. */
  public Verified verifyDetached(String headerValue, byte[] content) throws JwsException {
    String[] parts = splitThree(headerValue);
    if (!parts[1].isEmpty()) {
      throw new JwsException(JwsException.Reason.MALFORMED,
          "a detached JWS has an empty payload part (header..signature); this one carries a payload");
    }
    Base64URL h = new Base64URL(parts[0]);
    JWSHeader header = header(h);
    requireSignature(parts);
    try {
      return verify(new JWSObject(h, new Payload(content), new Base64URL(parts[2])), header);
    } catch (ParseException e) {
      throw new JwsException(JwsException.Reason.MALFORMED, "not a detached JWS: " + e.getMessage());
    }
  }

  /** The signature is checked before the payload is parsed by anyone. */
  public VerifiedCompact verifyCompact(String compact) throws JwsException {
    String[] parts = splitThree(compact.trim());
    Base64URL h = new Base64URL(parts[0]);
    JWSHeader header = header(h);
    requireSignature(parts);
    try {
      JWSObject jws = new JWSObject(h, new Base64URL(parts[1]), new Base64URL(parts[2]));
      Verified v = verify(jws, header);
      return new VerifiedCompact(v, new Base64URL(parts[1]).decode());
    } catch (ParseException e) {
      throw new JwsException(JwsException.Reason.MALFORMED, "not a JWS compact serialization: " + e.getMessage());
    }
  }

  /** Reads the unverified payload of a compact JWS, so its envelope can be checked before the signature. */
  public static byte[] compactPayload(String compact) throws JwsException {
    return new Base64URL(splitThree(compact.trim())[1]).decode();
  }

  private Verified verify(JWSObject jws, JWSHeader header) throws JwsException {
    String kid = header.getKeyID();
    VerificationKey key = keys.apply(kid).orElseThrow(() ->
        new JwsException(JwsException.Reason.KEY_UNKNOWN, "no party has a key with kid '" + kid + "'"));
    JWSAlgorithm alg = header.getAlgorithm();
    try {
      JWSVerifier verifier = Algorithms.verifier(alg, key.publicKey());
      if (verifier == null) {
        throw new JwsException(JwsException.Reason.INVALID, "alg " + alg + " does not fit the "
            + key.publicKey().getAlgorithm() + " key with kid '" + kid + "'");
      }
      if (!jws.verify(verifier)) {
        throw new JwsException(JwsException.Reason.INVALID,
            "the signature does not verify with the key kid '" + kid + "' over the content sent");
      }
      return new Verified(key, alg.getName());
    } catch (JOSEException | IllegalStateException e) {
      throw new JwsException(JwsException.Reason.INVALID, "the signature cannot be verified: " + e.getMessage());
    }
  }

  /** The allowlist is applied to the raw header, before Nimbus sees it. */
  private static JWSHeader header(Base64URL encoded) throws JwsException {
    JsonNode raw;
    try {
      raw = Json.tree(encoded.decode());
    } catch (Exception e) {
      throw new JwsException(JwsException.Reason.MALFORMED, "the JWS protected header is not base64url-encoded JSON");
    }
    if (raw == null || !raw.isObject()) {
      throw new JwsException(JwsException.Reason.MALFORMED, "the JWS protected header is not a JSON object");
    }
    String alg = raw.path("alg").asText(null);
    if (alg == null || !Algorithms.ALLOWED.containsKey(alg)) {
      throw new JwsException(JwsException.Reason.ALGORITHM_NOT_ALLOWED,
          "alg '" + alg + "' is not accepted; use PS256, RS256 or ES256");
    }
    if (!raw.hasNonNull("kid") || raw.get("kid").asText().isEmpty()) {
      throw new JwsException(JwsException.Reason.KID_MISSING, "the JWS protected header has no kid");
    }
    JsonNode b64 = raw.get("b64");
    if (b64 != null && (!b64.isBoolean() || !b64.booleanValue() && !critical(raw, "b64"))) {
      // RFC 7797 §6: an unencoded payload must be declared critical, or a verifier that does not
      // know b64 would check the signature over other bytes than the signer meant
      throw new JwsException(JwsException.Reason.MALFORMED, b64.isBoolean()
          ? "b64 false (an unencoded payload) needs \"crit\":[\"b64\"] in the protected header (RFC 7797)"
          : "b64 is true or false");
    }
    try {
      return JWSHeader.parse(encoded);
    } catch (ParseException e) {
      throw new JwsException(JwsException.Reason.MALFORMED, "the JWS protected header is invalid: " + e.getMessage());
    }
  }

  private static boolean critical(JsonNode header, String name) {
    JsonNode crit = header.get("crit");
    if (crit == null || !crit.isArray()) {
      return false;
    }
    for (JsonNode c : crit) {
      if (name.equals(c.asText())) {
        return true;
      }
    }
    return false;
  }

  private static String[] splitThree(String value) throws JwsException {
    String[] parts = value.split("\\.", -1);
    if (parts.length != 3 || parts[0].isEmpty()) {
      throw new JwsException(JwsException.Reason.MALFORMED, "a JWS has three base64url parts separated by '.'");
    }
    return parts;
  }

  /** Checked after the header, so "alg":"none" (whose signature part is empty) is named for what it is. */
  private static void requireSignature(String[] parts) throws JwsException {
    if (parts[2].isEmpty()) {
      throw new JwsException(JwsException.Reason.MALFORMED, "the JWS signature part is empty");
    }
  }
}
