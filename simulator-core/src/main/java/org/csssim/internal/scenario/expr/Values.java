package org.csssim.internal.scenario.expr;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value rules of the language: numbers are whole (long) unless a decimal is involved
 * (double); conditions must be booleans (a typo should fail loudly, not be "falsy"); equality
 * treats 1 and 1.0 alike; strings compare in order (so ISO dates compare as dates).
 */
public final class Values {
  private Values() {}

  static boolean bool(Object v, String op) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ExprException(op + " needs true or false, not " + describe(v));
  }

  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b, String op) {
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    throw new ExprException(op + " compares two numbers or two strings, not " + describe(a) + " and " + describe(b));
  }

  static Object arithmetic(String op, Object a, Object b) {
    if (!(a instanceof Number x) || !(b instanceof Number y)) {
      throw new ExprException(op + " needs numbers, not " + describe(a) + " and " + describe(b));
    }
    if (x instanceof Double || y instanceof Double) {
      double p = x.doubleValue();
      double q = y.doubleValue();
      return switch (op) {
        case "+" -> p + q;
        case "-" -> p - q;
        case "*" -> p * q;
        case "/" -> p / q;
        default -> p % q;
      };
    }
    long p = x.longValue();
    long q = y.longValue();
    if ((op.equals("/") || op.equals("%")) && q == 0) {
      throw new ExprException("division by zero");
    }
    return switch (op) {
      case "+" -> Math.addExact(p, q);
      case "-" -> Math.subtractExact(p, q);
      case "*" -> Math.multiplyExact(p, q);
      case "/" -> p / q;
      default -> p % q;
    };
  }

  /** How a value reads inside a template. */
  public static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(v);
  }

  static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "the string '" + s + "'";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "a list";
    }
    return v.getClass().getSimpleName().toLowerCase() + " " + v;
  }
}
