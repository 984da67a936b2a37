package org.csssim;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * A TLS server certificate issued by the simulator's test CA, for a webhook receiver the
 * simulator must trust (it trusts what its test CA issues). {@code sslContext} serves with it
 * (for {@code com.sun.net.httpserver.HttpsServer}, say); the PEM files are for other servers.
 */
public record ServerCertificate(X509Certificate certificate, PrivateKey privateKey, Path certificateFile, Path keyFile,
                                SSLContext sslContext) {}
