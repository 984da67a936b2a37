package org.csssim.internal.wire;

import java.util.Map;

/**
 * What the intake answers: status, extra headers and a body (JSON unless a scenario says
 * otherwise). {@code withheld}: the answer is journaled but not sent (an injected timeout).
 */
public record IntakeResponse(int status, Map<String, String> headers, String contentType, byte[] body, boolean withheld) {
  public IntakeResponse(int status, Map<String, String> headers, String contentType, byte[] body) {
    this(status, headers, contentType, body, false);
  }
}
