package org.csssim.internal.scenario.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the expression language by precedence climbing. The grammar, loosest first:
 * {@code a ? b : c}, {@code ||}, {@code &&}, {@code == !=}, {@code < <= > >=}, {@code + -},
 * {@code * / %}, unary {@code ! -}, then {@code a.b}, {@code a[i]}, {@code f(x, y)} on
 * literals (numbers, 'strings' or "strings", true, false, null, [lists]), names and (groups).
 */
final class Parser {
  private static final List<List<String>> LEVELS = List.of(
      List.of("||"), List.of("&&"), List.of("==", "!="), List.of("<", "<=", ">", ">="), List.of("+", "-"),
      List.of("*", "/", "%"));
  private static final Map<String, Object> KEYWORDS = Map.of("true", true, "false", false);

  private final String src;
  private int pos;

  private Parser(String src) {
    this.src = src;
  }

  static Node parse(String src) {
    Parser p = new Parser(src);
    Node n = p.conditional();
    p.space();
    if (p.pos < src.length()) {
      throw p.error("unexpected '" + src.charAt(p.pos) + "'");
    }
    return n;
  }

  private Node conditional() {
    Node test = level(0);
    if (eat("?")) {
      Node then = conditional();
      expect(":");
      return new Node.Conditional(test, then, conditional());
    }
    return test;
  }

  private Node level(int i) {
    if (i == LEVELS.size()) {
      return unary();
    }
    Node left = level(i + 1);
    while (true) {
      String op = operator(LEVELS.get(i));
      if (op == null) {
        return left;
      }
      left = new Node.Binary(op, left, level(i + 1));
    }
  }

  /** The longest operator of {@code ops} here ({@code <=} before {@code <}), not mistaking {@code ==} for {@code =}. */
  private String operator(List<String> ops) {
    space();
    String best = null;
    for (String op : ops) {
      if (src.startsWith(op, pos) && (best == null || op.length() > best.length())) {
        best = op;
      }
    }
    if (best == null) {
      return null;
    }
    // "<" must not take the first half of "<=", nor "!" of "!=" (handled by longest match above)
    pos += best.length();
    return best;
  }

  private Node unary() {
    space();
    if (peek('!') && !src.startsWith("!=", pos)) {
      pos++;
      return new Node.Unary("!", unary());
    }
    if (peek('-')) {
      pos++;
      return new Node.Unary("-", unary());
    }
    return postfix(primary());
  }

  private Node postfix(Node n) {
    while (true) {
      space();
      if (eat(".")) {
        n = new Node.Member(n, identifier());
      } else if (eat("[")) {
        Node index = conditional();
        expect("]");
        n = new Node.Index(n, index);
      } else if (peek('(')) {
        if (!(n instanceof Node.Root r)) {
          throw error("only a function name can be called");
        }
        pos++;
        n = new Node.Call(r.name(), items(")"));
      } else {
        return n;
      }
    }
  }

  private Node primary() {
    space();
    if (pos >= src.length()) {
      throw error("the expression ends too early");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      pos++;
      Node n = conditional();
      expect(")");
      return n;
    }
    if (c == '[') {
      pos++;
      return new Node.ListOf(items("]"));
    }
    if (c == '\'' || c == '"') {
      return new Node.Literal(string(c));
    }
    if (Character.isDigit(c)) {
      return new Node.Literal(number());
    }
    if (Character.isLetter(c) || c == '_') {
      String name = identifier();
      if (name.equals("null")) {
        return new Node.Literal(null);
      }
      return KEYWORDS.containsKey(name) ? new Node.Literal(KEYWORDS.get(name)) : new Node.Root(name);
    }
    throw error("unexpected '" + c + "'");
  }

  private List<Node> items(String close) {
    List<Node> out = new ArrayList<>();
    space();
    if (eat(close)) {
      return out;
    }
    do {
      out.add(conditional());
    } while (eat(","));
    expect(close);
    return out;
  }

  private String identifier() {
    space();
    int start = pos;
    while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    if (start == pos) {
      throw error("a name is expected");
    }
    return src.substring(start, pos);
  }

  private Object number() {
    int start = pos;
    while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (pos < src.length() - 1 && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
      pos++;
      while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
        pos++;
      }
      return Double.parseDouble(src.substring(start, pos));
    }
    try {
      return Long.parseLong(src.substring(start, pos));
    } catch (NumberFormatException e) {
      throw error("number too large");
    }
  }

  private String string(char quote) {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length() && src.charAt(pos) != quote) {
      char c = src.charAt(pos++);
      if (c == '\\' && pos < src.length()) {
        c = src.charAt(pos++);
      }
      sb.append(c);
    }
    if (pos >= src.length()) {
      pos = start;
      throw error("a string is not closed");
    }
    pos++;
    return sb.toString();
  }

  private void space() {
    while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
      pos++;
    }
  }

  private boolean peek(char c) {
    space();
    return pos < src.length() && src.charAt(pos) == c;
  }

  private boolean eat(String s) {
    space();
    if (src.startsWith(s, pos)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(String s) {
    if (!eat(s)) {
      throw error("'" + s + "' expected");
    }
  }

  private ExprException error(String what) {
    return new ExprException(what + " at column " + (pos + 1) + " of: " + src);
  }
}
