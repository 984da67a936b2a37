package org.csssim.internal.registration;

/**
 * Check digits of meter point numbers. An MPAN core's thirteenth digit: the first twelve
 * weighted by 3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43, summed, modulo 11, modulo 10. An
 * MPRN's last two digits: the digits before them weighted n, n-1, ..., 1 (n of them), summed,
 * modulo 11, as two digits (the rule as commonly published; its worked example 3938424403
 * holds).
 */
public final class MeterNumbers {
  private static final int[] WEIGHTS = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};

  private MeterNumbers() {}

  public static boolean mpanCoreValid(Object value) {
    if (!(value instanceof String s) || s.length() != 13 || !s.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return checkDigit(s.substring(0, 12)) == s.charAt(12) - '0';
  }

  public static boolean mprnValid(Object value) {
    if (!(value instanceof String s) || s.length() < 6 || s.length() > 10 || !s.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return mprnCheckDigits(s.substring(0, s.length() - 2)).equals(s.substring(s.length() - 2));
  }

  /** The two check digits that follow {@code body} in an MPRN. */
  public static String mprnCheckDigits(String body) {
    int sum = 0;
    for (int i = 0; i < body.length(); i++) {
      sum += (body.charAt(i) - '0') * (body.length() - i);
    }
    return String.format("%02d", sum % 11);
  }

  /** The check digit for the first twelve digits of an MPAN core. */
  public static int checkDigit(String first12) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * WEIGHTS[i];
    }
    return sum % 11 % 10;
  }
}
