package org.csssim.scenario.expr;

/**
 * The published check digit of a 13-digit MPAN core: the first twelve digits weighted by
 * 3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43, summed, taken modulo 11 and then modulo 10.
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

  /** The check digit for the first twelve digits of an MPAN core. */
  public static int checkDigit(String first12) {
    int sum = 0;
    for (int i = 0; i < 12; i++) {
      sum += (first12.charAt(i) - '0') * WEIGHTS[i];
    }
    return sum % 11 % 10;
  }
}
