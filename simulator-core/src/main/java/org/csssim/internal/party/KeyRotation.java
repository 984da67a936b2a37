package org.csssim.internal.party;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A rehearsal of a party's signing-certificate rotation, on the simulated clock: from
 * {@code publishFrom} the next certificate is published beside the current one (both are in the
 * party's JWK set), from {@code signFrom} the party signs with the next key, and from
 * {@code withdrawFrom} the old certificate is withdrawn. CSS rotated its production JWS
 * certificate so on 20 February 2024, with a one-hour window in which parties had to hold both.
 * Paths default to the test PKI's {@code pki/parties/<mpid>-next.crt|.key}, made when missing.
 */
public record KeyRotation(String certificate, String signingKey, String publishFrom, String signFrom, String withdrawFrom) {
  public KeyRotation {
    Instant publish = instant(publishFrom, "publishFrom");
    Instant sign = instant(signFrom, "signFrom");
    Instant withdraw = instant(withdrawFrom, "withdrawFrom");
    require(!sign.isBefore(publish) && !withdraw.isBefore(sign), "signFrom",
        "a rotation publishes, then signs, then withdraws: publishFrom <= signFrom <= withdrawFrom");
  }

  private static Instant instant(String s, String key) {
    require(s != null, key, "a rotation needs " + key + " (an ISO instant on the simulated clock)");
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      require(false, key, key + " is an ISO instant such as 2026-12-02T10:00:00Z, not " + s);
      return null;
    }
  }

  public KeyRotation withDefaults(String mpid) {
    return new KeyRotation(certificate == null ? "pki/parties/" + mpid + "-next.crt" : certificate,
        signingKey == null ? "pki/parties/" + mpid + "-next.key" : signingKey, publishFrom, signFrom, withdrawFrom);
  }

  /** True when the next key is the test PKI's, made when missing. */
  public boolean usesTestPki(String mpid) {
    return certificate.equals("pki/parties/" + mpid + "-next.crt") && signingKey.equals("pki/parties/" + mpid + "-next.key");
  }

  public Instant published() {
    return Instant.parse(publishFrom);
  }

  public Instant signs() {
    return Instant.parse(signFrom);
  }

  public Instant withdrawn() {
    return Instant.parse(withdrawFrom);
  }
}
