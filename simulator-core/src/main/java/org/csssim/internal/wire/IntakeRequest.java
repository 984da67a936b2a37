package org.csssim.internal.wire;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the intake needs it, apart from Vert.x so the pipeline can be read (and
 * tested) on its own. {@code uri} is the path and query exactly as sent: what a bodiless
 * enquiry signs; {@code url} the whole URL the request was sent to (scheme, host as the Host
 * header gives it, path and query), which a header signature may cover. {@code headers} are
 * the request's headers by lower-case name (the first value of each). {@code
 * clientCertificate} is the mutual-TLS peer certificate, or null.
 */
public record IntakeRequest(String method, String uri, String path, String url, String contentType, String signature,
                            Map<String, String> headers, byte[] body, Map<String, String> pathParams,
                            Map<String, List<String>> query, X509Certificate clientCertificate) {
  /** A request with no headers but its Content-Type and {@code X-JWS-Signature}, to {@code https://localhost} and its uri. */
  public IntakeRequest(String method, String uri, String path, String contentType, String signature, byte[] body,
                       Map<String, String> pathParams, Map<String, List<String>> query, X509Certificate clientCertificate) {
    this(method, uri, path, "https://localhost" + uri, contentType, signature, Map.of(), body, pathParams, query,
        clientCertificate);
  }

  /** The header {@code name}, whatever its case, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
