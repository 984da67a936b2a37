package org.csssim.internal.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of every key and list item in a YAML document, by JSON pointer
 * ({@code /listener/port}, {@code /parties/2/mpid}). Jackson's tree drops locations, so checks
 * made after binding look their line up here.
 */
public final class YamlLocations {
  private final Map<String, Integer> lines;

  private YamlLocations(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** One open object (its current key) or array (its current index). */
  private static final class Frame {
    final boolean array;
    String key;
    int index = -1;

    Frame(boolean array) {
      this.array = array;
    }

    String segment() {
      return array ? String.valueOf(index) : key;
    }
  }

  public static YamlLocations index(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    List<Frame> stack = new ArrayList<>();
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME) {
          stack.get(stack.size() - 1).key = p.currentName();
          lines.put(pointer(stack), p.currentLocation().getLineNr());
          continue;
        }
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.remove(stack.size() - 1);
          continue;
        }
        if (!stack.isEmpty() && stack.get(stack.size() - 1).array) {
          stack.get(stack.size() - 1).index++;
          lines.put(pointer(stack), p.currentLocation().getLineNr());
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.add(new Frame(t == JsonToken.START_ARRAY));
        }
      }
    } catch (IOException e) {
      // Broken YAML is reported by the binder with its own location; the index is then partial.
    }
    return new YamlLocations(lines);
  }

  private static String pointer(List<Frame> stack) {
    StringBuilder sb = new StringBuilder();
    for (Frame f : stack) {
      sb.append('/').append(f.segment());
    }
    return sb.toString();
  }

  /** The line of the key at {@code pointer}, or of its nearest enclosing key; 0 if unknown. */
  public int lineOf(String pointer) {
    String p = pointer;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
    }
    return 0;
  }
}
