package org.csssim.internal.party;

import java.security.PrivateKey;
import java.util.List;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.jws.VerificationKey;

/**
 * A market participant as this instance sees it. The signing key is present when the simulator
 * can act as the party (always for the test PKI; a physical party's real key is usually not
 * configured, and then the simulator cannot sign as it). {@code testPkiKey}: the signing key is
 * the one the test PKI made for it, whose secrecy nothing depends on (see {@code JwsSigner}).
 */
public record Party(String mpid, List<String> roles, Mode mode, String url, Signing signing,
                    List<VerificationKey> keys, PrivateKey signingKey, String signingKid, boolean testPkiKey) {

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  public boolean physical() {
    return mode == Mode.physical;
  }
}
