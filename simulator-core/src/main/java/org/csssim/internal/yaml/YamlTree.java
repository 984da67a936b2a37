package org.csssim.internal.yaml;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML document into maps, lists and scalars, resolving anchors and aliases (which
 * Jackson's YAML binding turns into plain strings without a word). Scalars follow the YAML 1.2
 * core rules, not 1.1's: {@code on}, {@code yes} and {@code no} stay text, dates stay text;
 * only {@code true}, {@code false}, {@code null}, {@code ~}, integers and decimals are typed,
 * and only when unquoted. No tags are honoured, so no Java object can be built from a file.
 */
public final class YamlTree {
  private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private YamlTree() {}

  public static Object parse(String yaml, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(200);
    options.setAllowDuplicateKeys(false);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(source + (line > 0 ? ":" + line : "") + ": not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
    }
    return root == null ? null : value(root, new IdentityHashMap<>());
  }

  private static Object value(Node node, Map<Node, Object> seen) {
    if (seen.containsKey(node)) {
      return seen.get(node);   // an alias: the same value again
    }
    Object v;
    if (node instanceof ScalarNode s) {
      v = scalar(s);
    } else if (node instanceof SequenceNode s) {
      List<Object> list = new ArrayList<>();
      seen.put(node, list);
      s.getValue().forEach(n -> list.add(value(n, seen)));
      v = list;
    } else {
      Map<String, Object> map = new LinkedHashMap<>();
      seen.put(node, map);
      for (NodeTuple t : ((MappingNode) node).getValue()) {
        Object key = value(t.getKeyNode(), seen);
        map.put(String.valueOf(key), value(t.getValueNode(), seen));
      }
      v = map;
    }
    seen.put(node, v);
    return v;
  }

  private static Object scalar(ScalarNode s) {
    String text = s.getValue();
    if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
      return text;
    }
    switch (text) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "null":
      case "~":
      case "":
        return null;
      default:
        break;
    }
    if (INTEGER.matcher(text).matches()) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return text;
      }
    }
    if (DECIMAL.matcher(text).matches()) {
      return Double.parseDouble(text);
    }
    return text;
  }
}
