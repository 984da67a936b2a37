package org.csssim.internal.party;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;
import java.util.regex.Pattern;
import org.csssim.internal.jws.Signing;

/**
 * What makes a party: its market participant id, its roles, whether it is simulated or
 * physical (and where its system is), how it signs, the certificates whose keys verify its
 * signatures ({@code keys}, several at once during a rotation) and the private key the
 * simulator signs with when it acts as the party ({@code signingKey}), and a rehearsal of
 * a rotation to a next key ({@code rotation}, optional). Key paths are relative
 * to the data directory and default to the test PKI's files.
 */
public record PartyOptions(String mpid, List<String> roles, Mode mode, String url, Signing signing, List<String> keys,
                           String signingKey, KeyRotation rotation) {
  public PartyOptions(String mpid, List<String> roles, Mode mode, String url, Signing signing, List<String> keys,
                      String signingKey) {
    this(mpid, roles, mode, url, signing, keys, signingKey, null);
  }

  private static final Pattern MPID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public PartyOptions {
    require(mpid != null && MPID.matcher(mpid).matches(), "mpid",
        "mpid must be 1 to 32 letters, digits, '_' or '-', not " + (mpid == null ? "missing" : "'" + mpid + "'"));
    require(roles != null && !roles.isEmpty(), "roles", "party " + mpid + " needs at least one role");
    roles = List.copyOf(roles);
    if (url != null) {
      ReceiverUrl.problem(url, false).ifPresent(problem -> require(false, "url", problem));
    }
    mode = mode == null ? Mode.simulated : mode;
    signing = signing == null ? new Signing(null, null) : signing;
    keys = keys == null || keys.isEmpty() ? List.of(defaultCertificate(mpid)) : List.copyOf(keys);
    signingKey = signingKey == null ? "pki/parties/" + mpid + ".key" : signingKey;
    rotation = rotation == null ? null : rotation.withDefaults(mpid);
  }

  /** The test PKI's certificate for {@code mpid}. */
  public static String defaultCertificate(String mpid) {
    return "pki/parties/" + mpid + ".crt";
  }

  /** True when the party uses the test PKI's files, which are created when missing; configured keys are the user's. */
  public boolean usesTestPki() {
    return keys.equals(List.of(defaultCertificate(mpid)));
  }

  /** True when the party signs with the key the test PKI made for it, not one the user configured. */
  public boolean signsWithTestPki() {
    return usesTestPki() && signingKey.equals("pki/parties/" + mpid + ".key");
  }
}
