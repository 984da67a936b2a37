package org.csssim.internal.scenario.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A value written in a scenario: text with {@code ${expression}} parts. A value that is exactly
 * one {@code ${...}} keeps the expression's type (a number stays a number, an object an
 * object); otherwise the parts are joined as text. Maps and lists are templates all the way down.
 */
public final class Template {
  private final Object shape;   // Constant, Expression, Text, or maps and lists of them
  private final Set<Expression> expressions;

  private Template(Object shape, Set<Expression> expressions) {
    this.shape = shape;
    this.expressions = expressions;
  }

  /** Compiles a YAML value: strings, numbers, booleans, null, maps and lists of them. */
  public static Template compile(Object value) {
    Set<Expression> found = new LinkedHashSet<>();
    return new Template(build(value, found), found);
  }

  /** The expressions inside, for the checks made at load. */
  public Set<Expression> expressions() {
    return expressions;
  }

  public Object render(EvalContext ctx) {
    return render(shape, ctx);
  }

  private record Text(List<Object> parts) {}   // String or Expression parts

  private static Object build(Object value, Set<Expression> found) {
    if (value instanceof String s) {
      return text(s, found);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), build(v, found)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(build(v, found)));
      return out;
    }
    return value == null ? null : new Constant(value);
  }

  private record Constant(Object value) {}

  private static Object text(String s, Set<Expression> found) {
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      int open = s.indexOf("${", i);
      if (open < 0) {
        parts.add(s.substring(i));
        break;
      }
      if (open > i) {
        parts.add(s.substring(i, open));
      }
      int close = closing(s, open + 2);
      Expression e = Expression.parse(s.substring(open + 2, close));
      found.add(e);
      parts.add(e);
      i = close + 1;
    }
    if (parts.size() == 1 && parts.get(0) instanceof Expression e) {
      return e;
    }
    if (parts.isEmpty()) {
      return new Constant("");
    }
    return parts.size() == 1 ? new Constant(parts.get(0)) : new Text(parts);
  }

  /** The brace that closes {@code ${}, skipping braces inside quoted strings. */
  private static int closing(String s, int from) {
    char quote = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    throw new ExprException("'${' is not closed in: " + s);
  }

  private static Object render(Object shape, EvalContext ctx) {
    if (shape instanceof Expression e) {
      return e.eval(ctx);
    }
    if (shape instanceof Constant c) {
      return c.value();
    }
    if (shape instanceof Text t) {
      StringBuilder sb = new StringBuilder();
      for (Object p : t.parts()) {
        sb.append(p instanceof Expression e ? Values.text(e.eval(ctx)) : p);
      }
      return sb.toString();
    }
    if (shape instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        Object r = render(v, ctx);
        if (r != null) {
          out.put((String) k, r);    // a field whose value is null is left out of the message
        }
      });
      return out;
    }
    if (shape instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(render(v, ctx)));
      return out;
    }
    return null;
  }
}
