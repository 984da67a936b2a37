package org.csssim.internal.error;

import java.util.List;

/**
 * A message refused by the intake: the HTTP status and every error found at the step that
 * refused it. Thrown inside the pipeline, turned into the contract's Rejected answer at its edge.
 */
public final class Rejection extends Exception {
  private final int status;
  private final List<Problem> errors;

  public Rejection(int status, List<Problem> errors) {
    super(errors.get(0).code() + ": " + errors.get(0).message(), null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public static Rejection of(ErrorCode code, String message) {
    return of(code, message, null);
  }

  public static Rejection of(ErrorCode code, String message, String pointer) {
    return new Rejection(code.status(), List.of(new Problem(code.name(), message, pointer)));
  }

  public int status() {
    return status;
  }

  public List<Problem> errors() {
    return errors;
  }
}
