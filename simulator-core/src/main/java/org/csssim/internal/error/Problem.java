package org.csssim.internal.error;

/**
 * One problem with a message, as its sender reads it in the answer and an operator in the
 * journal: a stable code ({@link ErrorCode}'s name, or a schema keyword's), what is wrong, and
 * the JSON pointer of the member at fault when there is one.
 */
public record Problem(String code, String message, String pointer) {
  public static Problem of(ErrorCode code, String message, String pointer) {
    return new Problem(code.name(), message, pointer);
  }
}
