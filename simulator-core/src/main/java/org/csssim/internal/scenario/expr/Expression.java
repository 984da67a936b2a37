package org.csssim.internal.scenario.expr;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A parsed expression: {@code message.data.fuelType == 'E' && len(vars.pending) == 0}.
 * Parsing and {@link #references()} happen when a scenario loads, so a typo or a reference to
 * something that does not exist is refused then, not when a message arrives.
 */
public final class Expression {
  private final String source;
  private final Node root;

  private Expression(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  public static Expression parse(String source) {
    return new Expression(source, Parser.parse(source));
  }

  public Object eval(EvalContext ctx) {
    try {
      return root.eval(ctx);
    } catch (ExprException e) {
      throw new ExprException(e.getMessage() + " (in: " + source + ")");
    } catch (ArithmeticException e) {
      throw new ExprException("number overflow (in: " + source + ")");
    }
  }

  /** Evaluates a condition, which must give true or false. */
  public boolean test(EvalContext ctx) {
    Object v = eval(ctx);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ExprException("a condition must be true or false, not " + Values.describe(v) + " (in: " + source + ")");
  }

  /** A root and the first member read from it ({@code vars.mpxn}), or just the root ({@code message}). */
  public record Reference(String root, String member) {}

  /** Every root read and every function called, for the checks made at load. */
  public Set<Reference> references() {
    Set<Reference> out = new LinkedHashSet<>();
    Set<Node> readThrough = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    root.walk(n -> {
      if (n instanceof Node.Member m && m.target() instanceof Node.Root r) {
        out.add(new Reference(r.name(), m.name()));
        readThrough.add(r);
      } else if (n instanceof Node.Root r && !readThrough.contains(r)) {
        out.add(new Reference(r.name(), null));
      }
    });
    return out;
  }

  public Set<String> functions() {
    Set<String> out = new LinkedHashSet<>();
    calls().forEach(c -> out.add(c.function()));
    return out;
  }

  /** A function call and how many arguments it passes. */
  public record CallSite(String function, int arguments) {}

  public java.util.List<CallSite> calls() {
    java.util.List<CallSite> out = new java.util.ArrayList<>();
    root.walk(n -> {
      if (n instanceof Node.Call c) {
        out.add(new CallSite(c.function(), c.args().size()));
      }
    });
    return out;
  }

  /** Literal string arguments of calls to {@code function}, such as the role in {@code partyWithRole('GRDA')}. */
  public Set<String> literalArguments(String function) {
    Set<String> out = new LinkedHashSet<>();
    root.walk(n -> {
      if (n instanceof Node.Call c && c.function().equals(function)) {
        c.args().stream().filter(a -> a instanceof Node.Literal l && l.value() instanceof String)
            .forEach(a -> out.add((String) ((Node.Literal) a).value()));
      }
    });
    return out;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return source;
  }
}
