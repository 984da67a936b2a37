package org.csssim.config;

import static org.csssim.config.InvalidValue.require;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One party: its market participant id, its roles and whether it is simulated (a script in
 * here) or physical (a real system). {@code keys} are the certificates whose keys verify its
 * signatures (several at once during rotation); {@code signingKey} is the private key the
 * simulator signs with when it acts as this party. Both default to the test PKI's files.
 */
public record PartyConfig(String mpid, List<String> roles, Mode mode, String url, SigningConfig signing,
                          List<String> keys, String signingKey, List<WebhookConfig> webhooks, FaultConfig faults) {
  private static final Pattern MPID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public enum Mode { simulated, physical }

  public PartyConfig {
    require(mpid != null && MPID.matcher(mpid).matches(), "mpid",
        "mpid must be 1 to 32 letters, digits, '_' or '-', not " + (mpid == null ? "missing" : "'" + mpid + "'"));
    require(roles != null && !roles.isEmpty(), "roles", "party " + mpid + " needs at least one role");
    roles = List.copyOf(roles);
    mode = mode == null ? Mode.simulated : mode;
    signing = signing == null ? new SigningConfig(null, null) : signing;
    keys = keys == null || keys.isEmpty() ? List.of(defaultCertificate(mpid)) : List.copyOf(keys);
    signingKey = signingKey == null ? "pki/parties/" + mpid + ".key" : signingKey;
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    faults = faults == null ? FaultConfig.NONE : faults;
  }

  public static String defaultCertificate(String mpid) {
    return "pki/parties/" + mpid + ".crt";
  }

  public PartyConfig withSigning(SigningConfig s) {
    return new PartyConfig(mpid, roles, mode, url, s, keys, signingKey, webhooks, faults);
  }

  public PartyConfig withWebhooks(List<WebhookConfig> w) {
    return new PartyConfig(mpid, roles, mode, url, signing, keys, signingKey, w, faults);
  }

  public PartyConfig withMode(Mode m) {
    return new PartyConfig(mpid, roles, m, url, signing, keys, signingKey, webhooks, faults);
  }
}
