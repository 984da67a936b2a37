package org.csssim.internal.jws;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.Set;

/**
 * How a party signs: {@code detached} (a JWS in the {@code X-JWS-Signature} header over the
 * body bytes) or {@code compact} (the body is the JWS), and with which algorithm. The
 * algorithm also decides the key type the test PKI creates for the party.
 */
public record Signing(Profile profile, String algorithm) {
  public static final Set<String> ALGORITHMS = Set.of("ES256", "PS256", "RS256");

  public enum Profile { detached, compact }

  public Signing {
    profile = profile == null ? Profile.detached : profile;
    algorithm = algorithm == null ? "ES256" : algorithm;
    require(ALGORITHMS.contains(algorithm), "algorithm",
        "algorithm must be one of ES256, PS256, RS256, not '" + algorithm + "'");
  }
}
