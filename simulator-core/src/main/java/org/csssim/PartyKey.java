package org.csssim;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * A party's signing identity in the simulator's test PKI: what a system playing the party signs
 * with. {@code kid} goes in the JWS protected header; {@code algorithm} is ES256, PS256 or RS256;
 * {@code keyFile} and {@code certificateFile} are the PEM files under the data directory (the
 * key PKCS#8), for tools outside the JVM.
 */
public record PartyKey(String mpid, String kid, String algorithm, PrivateKey privateKey, X509Certificate certificate,
                       Path keyFile, Path certificateFile) {}
