package org.csssim.internal.signature;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signature carried in HTTP headers instead of a JWS, as a catalogue's {@code signing:} describes
 * it: a timestamp header, a header with the body's digest, a header with the signer's
 * certificate, and a signature header over a canonical string made of the request's method, URL,
 * timestamp and digest. Which headers, which order and which separators are data; this class
 * knows only how to compute and check such a signature.
 *
 * <p>{@code canonical} is text with placeholders {@code {method}}, {@code {url}}, {@code {path}},
 * {@code {timestamp}} and {@code {digest}}, each optionally {@code |lower} or {@code |upper}:
 * {@code "{method};{url|lower};{timestamp};{digest}"}. The digest, certificate and signature
 * headers carry base64 (standard alphabet); the certificate header the base64 of the PEM text.
 */
public record HeaderSignature(String algorithm, String timestampHeader, String digestHeader, String digestAlgorithm,
                              String certificateHeader, String signatureHeader, String canonical, String maxSkew) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?:\\|(lower|upper))?}");
  private static final java.util.Set<String> NAMES = java.util.Set.of("method", "url", "path", "timestamp", "digest");
  private static final Map<String, String> JCA = Map.of("RS256", "SHA256withRSA", "PS256", "RSASSA-PSS",
      "ES256", "SHA256withECDSA");

  public HeaderSignature {
    algorithm = algorithm == null ? "RS256" : algorithm;
    require(JCA.containsKey(algorithm), "headerSignature/algorithm", "algorithm must be RS256, PS256 or ES256, not '" + algorithm + "'");
    digestAlgorithm = digestAlgorithm == null ? "SHA-256" : digestAlgorithm;
    require(java.util.Set.of("SHA-256", "SHA-384", "SHA-512").contains(digestAlgorithm), "headerSignature/digestAlgorithm",
        "digestAlgorithm must be SHA-256, SHA-384 or SHA-512");
    header("timestampHeader", timestampHeader);
    header("digestHeader", digestHeader);
    header("certificateHeader", certificateHeader);
    header("signatureHeader", signatureHeader);
    require(canonical != null && !canonical.isBlank(), "headerSignature/canonical",
        "canonical is the text signed, e.g. \"{method};{url|lower};{timestamp};{digest}\"");
    Matcher m = PLACEHOLDER.matcher(canonical);
    while (m.find()) {
      require(NAMES.contains(m.group(1)), "headerSignature/canonical", "{" + m.group(1) + "} is not one of " + NAMES);
    }
    maxSkew = maxSkew == null ? "PT5M" : maxSkew;
    try {
      require(!Duration.parse(maxSkew).isNegative(), "headerSignature/maxSkew", "maxSkew must not be negative");
    } catch (DateTimeParseException e) {
      throw new org.csssim.internal.yaml.InvalidValue("headerSignature/maxSkew", "maxSkew must be an ISO-8601 duration such as PT5M");
    }
  }

  private static void header(String key, String name) {
    require(name != null && name.matches("[A-Za-z0-9-]+"), "headerSignature/" + key, key + " must name an HTTP header");
  }

  /** Why a request's signature was refused: the reason decides the stable error code. */
  public static final class Refused extends Exception {
    public enum Reason { MISSING, MALFORMED, DIGEST_MISMATCH, DATE_INVALID, KEY_UNKNOWN, INVALID }

    private final Reason reason;

    Refused(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  /** The headers that sign {@code body}, sent by {@code method} to {@code url}, as the holder of {@code certificate}. */
  public Map<String, String> sign(String method, String url, byte[] body, PrivateKey key, X509Certificate certificate,
                                  Instant now) {
    String timestamp = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    String digest = digest(body);
    String text = canonical(method, url, timestamp, digest);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(timestampHeader, timestamp);
    headers.put(digestHeader, digest);
    headers.put(certificateHeader, Base64.getEncoder().encodeToString(
        org.csssim.internal.pki.Pem.certificate(certificate).getBytes(StandardCharsets.US_ASCII)));
    try {
      Signature s = signature();
      s.initSign(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      headers.put(signatureHeader, Base64.getEncoder().encodeToString(s.sign()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + algorithm + ": " + e.getMessage(), e);
    }
    return headers;
  }

  /**
   * The certificate that signed the request, once every check holds: each header present, the
   * timestamp within {@code maxSkew} of {@code now}, the digest the body's, the signature valid
   * over the canonical string with the certificate's key. {@code header} reads a request header
   * by name, whatever its case. Whose certificate it is, is the caller's question.
   */
  public X509Certificate verify(String method, String url, byte[] body, java.util.function.Function<String, String> header,
                                Instant now) throws Refused {
    String timestamp = required(header, timestampHeader);
    String digest = required(header, digestHeader);
    String certificate = required(header, certificateHeader);
    String signature = required(header, signatureHeader);
    Instant at;
    try {
      at = OffsetDateTime.parse(timestamp.trim()).toInstant();
    } catch (DateTimeParseException e) {
      throw new Refused(Refused.Reason.DATE_INVALID, timestampHeader + " '" + timestamp
          + "' is not an ISO-8601 date-time with offset, such as 2026-12-01T10:15:30.123Z");
    }
    Duration skew = Duration.parse(maxSkew);
    if (Duration.between(at, now).abs().compareTo(skew) > 0) {
      throw new Refused(Refused.Reason.DATE_INVALID, timestampHeader + " " + timestamp + " is more than " + skew
          + " from the receiver's clock (" + now + "): a stale or replayed request, or a clock to set right");
    }
    if (!digest.trim().equals(digest(body))) {
      throw new Refused(Refused.Reason.DIGEST_MISMATCH, digestHeader + " is not the base64 " + digestAlgorithm
          + " of the body as received (" + body.length + " bytes)");
    }
    X509Certificate cert;
    byte[] sig;
    try {
      cert = org.csssim.internal.pki.Pem.parseCertificate(Base64.getDecoder().decode(certificate.trim()));
      sig = Base64.getDecoder().decode(signature.trim());
    } catch (IllegalArgumentException | java.security.cert.CertificateException e) {
      throw new Refused(Refused.Reason.MALFORMED, certificateHeader + " must be the base64 of a PEM certificate, and "
          + signatureHeader + " base64: " + e.getMessage());
    }
    if (!verifies(cert.getPublicKey(), canonical(method, url, timestamp.trim(), digest.trim()), sig)) {
      throw new Refused(Refused.Reason.INVALID, signatureHeader + " does not verify with the key of the certificate in "
          + certificateHeader + " over " + describe());
    }
    return cert;
  }

  /** The canonical string's recipe, for messages that explain a failure. */
  public String describe() {
    return "'" + canonical + "' (" + algorithm + ")";
  }

  /** The text signed for a request. */
  public String canonical(String method, String url, String timestamp, String digest) {
    Map<String, String> values = Map.of("method", method, "url", url, "path", pathOf(url), "timestamp", timestamp,
        "digest", digest);
    Matcher m = PLACEHOLDER.matcher(canonical);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      v = "lower".equals(m.group(2)) ? v.toLowerCase(Locale.ROOT) : "upper".equals(m.group(2)) ? v.toUpperCase(Locale.ROOT) : v;
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** The base64 digest of {@code body}. */
  public String digest(byte[] body) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance(digestAlgorithm).digest(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key type the signing algorithm needs: RSA or EC. */
  public String keyType() {
    return "ES256".equals(algorithm) ? "EC" : "RSA";
  }

  private boolean verifies(PublicKey key, String text, byte[] sig) {
    try {
      Signature s = signature();
      s.initVerify(key);
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;   // a key of the wrong type, or a signature of the wrong shape, verifies nothing
    }
  }

  private Signature signature() throws GeneralSecurityException {
    Signature s = Signature.getInstance(JCA.get(algorithm));
    if ("PS256".equals(algorithm)) {
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    }
    return s;
  }

  private static String required(java.util.function.Function<String, String> header, String name) throws Refused {
    String v = header.apply(name);
    if (v == null || v.isBlank()) {
      throw new Refused(Refused.Reason.MISSING, "the " + name + " header is missing");
    }
    return v;
  }

  private static String pathOf(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
