package org.csssim.internal.jws;

/** Why a signature was not accepted; the intake maps each reason to a stable error code. */
public final class JwsException extends Exception {
  public enum Reason { MALFORMED, ALGORITHM_NOT_ALLOWED, KID_MISSING, KEY_UNKNOWN, INVALID }

  private final Reason reason;

  public JwsException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
