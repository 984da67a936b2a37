package org.csssim.internal.scenario.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The syntax tree of an expression. Evaluation is here, next to each form, so the language
 * reads in one place. Nothing in it reaches Java objects other than the values the context
 * hands out (maps, lists, strings, numbers, booleans): no reflection, no classes, no I/O.
 */
sealed interface Node {
  Object eval(EvalContext ctx);

  /** Visits this node and every node below it. */
  void walk(Consumer<Node> visitor);

  record Literal(Object value) implements Node {
    public Object eval(EvalContext ctx) {
      return value;
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
    }
  }

  record Root(String name) implements Node {
    public Object eval(EvalContext ctx) {
      return ctx.root(name);
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
    }
  }

  /** {@code a.b}: a missing member, or a member of null, is null, so optional fields read simply. */
  record Member(Node target, String name) implements Node {
    public Object eval(EvalContext ctx) {
      Object t = target.eval(ctx);
      return t instanceof Map<?, ?> m ? m.get(name) : null;
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      target.walk(v);
    }
  }

  record Index(Node target, Node index) implements Node {
    public Object eval(EvalContext ctx) {
      Object t = target.eval(ctx);
      Object i = index.eval(ctx);
      if (t instanceof List<?> l && i instanceof Number n) {
        int k = n.intValue();
        return k >= 0 && k < l.size() ? l.get(k) : null;
      }
      if (t instanceof Map<?, ?> m && i instanceof String s) {
        return m.get(s);
      }
      return null;
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      target.walk(v);
      index.walk(v);
    }
  }

  record Call(String function, List<Node> args) implements Node {
    public Object eval(EvalContext ctx) {
      List<Object> values = new ArrayList<>(args.size());
      for (Node a : args) {
        values.add(a.eval(ctx));
      }
      return ctx.call(function, values);
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      args.forEach(a -> a.walk(v));
    }
  }

  record ListOf(List<Node> items) implements Node {
    public Object eval(EvalContext ctx) {
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(i -> out.add(i.eval(ctx)));
      return out;
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      items.forEach(i -> i.walk(v));
    }
  }

  record Unary(String op, Node operand) implements Node {
    public Object eval(EvalContext ctx) {
      Object x = operand.eval(ctx);
      if (op.equals("!")) {
        return !Values.bool(x, "!");
      }
      return Values.arithmetic("-", 0L, x);
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      operand.walk(v);
    }
  }

  record Binary(String op, Node left, Node right) implements Node {
    public Object eval(EvalContext ctx) {
      switch (op) {
        case "&&":
          return Values.bool(left.eval(ctx), op) && Values.bool(right.eval(ctx), op);
        case "||":
          return Values.bool(left.eval(ctx), op) || Values.bool(right.eval(ctx), op);
        default:
          break;
      }
      Object a = left.eval(ctx);
      Object b = right.eval(ctx);
      return switch (op) {
        case "==" -> Values.same(a, b);
        case "!=" -> !Values.same(a, b);
        case "<" -> Values.compare(a, b, op) < 0;
        case "<=" -> Values.compare(a, b, op) <= 0;
        case ">" -> Values.compare(a, b, op) > 0;
        case ">=" -> Values.compare(a, b, op) >= 0;
        case "+" -> a instanceof String || b instanceof String ? Values.text(a) + Values.text(b) : Values.arithmetic(op, a, b);
        default -> Values.arithmetic(op, a, b);
      };
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      left.walk(v);
      right.walk(v);
    }
  }

  record Conditional(Node test, Node then, Node otherwise) implements Node {
    public Object eval(EvalContext ctx) {
      return Values.bool(test.eval(ctx), "?:") ? then.eval(ctx) : otherwise.eval(ctx);
    }

    public void walk(Consumer<Node> v) {
      v.accept(this);
      test.walk(v);
      then.walk(v);
      otherwise.walk(v);
    }
  }

}
