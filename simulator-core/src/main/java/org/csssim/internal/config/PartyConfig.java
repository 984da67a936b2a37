package org.csssim.internal.config;

import java.util.List;
import org.csssim.internal.delivery.WebhookOptions;
import org.csssim.internal.jws.Signing;
import org.csssim.internal.party.FaultProfile;
import org.csssim.internal.party.KeyRotation;
import org.csssim.internal.party.Mode;
import org.csssim.internal.party.PartyOptions;

/**
 * One party as the configuration file writes it: what makes the party ({@link PartyOptions},
 * checked there), the webhooks its system takes messages on, and the faults injected for it.
 */
public record PartyConfig(String mpid, List<String> roles, Mode mode, String url, Signing signing,
                          List<String> keys, String signingKey, KeyRotation rotation, List<WebhookOptions> webhooks,
                          FaultProfile faults) {

  public PartyConfig {
    PartyOptions o = new PartyOptions(mpid, roles, mode, url, signing, keys, signingKey, rotation);
    roles = o.roles();
    mode = o.mode();
    signing = o.signing();
    keys = o.keys();
    signingKey = o.signingKey();
    rotation = o.rotation();
    webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    faults = faults == null ? FaultProfile.NONE : faults;
  }

  public PartyOptions options() {
    return new PartyOptions(mpid, roles, mode, url, signing, keys, signingKey, rotation);
  }

  public PartyConfig withSigning(Signing s) {
    return new PartyConfig(mpid, roles, mode, url, s, keys, signingKey, rotation, webhooks, faults);
  }

  public PartyConfig withWebhooks(List<WebhookOptions> w) {
    return new PartyConfig(mpid, roles, mode, url, signing, keys, signingKey, rotation, w, faults);
  }

  public PartyConfig withMode(Mode m) {
    return new PartyConfig(mpid, roles, m, url, signing, keys, signingKey, rotation, webhooks, faults);
  }
}
