package org.csssim.internal.scenario.expr;

/** An expression that cannot be parsed, checked or evaluated; the message names the expression and where. */
public final class ExprException extends RuntimeException {
  public ExprException(String message) {
    super(message, null, false, false);
  }
}
