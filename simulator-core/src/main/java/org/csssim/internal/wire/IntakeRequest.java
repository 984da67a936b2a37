package org.csssim.internal.wire;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request as the intake needs it, apart from Vert.x so the pipeline can be read (and
 * tested) on its own. {@code uri} is the path and query exactly as sent: what a bodiless
 * enquiry signs. {@code clientCertificate} is the mutual-TLS peer certificate, or null.
 */
public record IntakeRequest(String method, String uri, String path, String contentType, String signature, byte[] body,
                            Map<String, String> pathParams, Map<String, List<String>> query,
                            X509Certificate clientCertificate) {}
