package org.csssim.internal.catalogue;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * Schema patterns with ECMA-262's {@code $}, as JSON Schema defines them. Java's {@code $} (and
 * Joni's, which the validator offers as the alternative: both were tried) also matches before a
 * final line terminator, so {@code ^[0-9]{13}$} would pass an MPAN followed by a line break. Here
 * each {@code $} outside a character class means the end of the string ({@code \z}); the rest of
 * the pattern is Java's, which agrees with ECMA-262 on what schemas use.
 */
final class EcmaRegex implements RegularExpressionFactory {
  static final EcmaRegex INSTANCE = new EcmaRegex();

  private EcmaRegex() {}

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern p = Pattern.compile(endAnchored(regex));
    return value -> p.matcher(value).find();
  }

  /** {@code regex} with every unescaped {@code $} outside a character class made {@code \z}. */
  static String endAnchored(String regex) {
    StringBuilder out = new StringBuilder(regex.length() + 4);
    int classDepth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        out.append(c).append(regex.charAt(++i));
      } else if (c == '[') {
        classDepth++;
        out.append(c);
      } else if (c == ']' && classDepth > 0) {
        classDepth--;
        out.append(c);
      } else if (c == '$' && classDepth == 0) {
        out.append("\\z");
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
