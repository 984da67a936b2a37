package org.csssim.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What a CSS should send back for each kind of message the load tool injects, as data (the
 * reference file is {@code load/reference-expectations.yaml}): per message type, the kind of
 * meter point it needs, the notifications expected at once and those expected once the clock
 * has passed the supply start date. {@link #NONE} expects nothing, for targets that send nothing back (a bare
 * HTTPS server measured as a ceiling).
 */
public final class Expectations {
  /** A notification expected under a message's correlationId, with data fields it must carry. */
  public record Expected(String type, Map<String, String> data, boolean afterClock) {
    public boolean matches(JsonNode message) {
      if (!type.equals(message.path("eventType").asText())) {
        return false;
      }
      for (var e : data.entrySet()) {
        JsonNode v = message.path("data");
        for (String part : e.getKey().split("\\.")) {
          v = v.path(part);
        }
        if (!e.getValue().equals(v.asText(null))) {
          return false;
        }
      }
      return true;
    }

    public String label() {
      return afterClock ? type + " (after clock)" : type;
    }
  }

  public static final Expectations NONE = new Expectations(Map.of(), Set.of(), "none");

  private final Map<String, List<Expected>> byType;
  /** Message types that need a meter point with no supplier yet (an initial registration, in the reference pack). */
  private final Set<String> unregistered;
  private final String source;

  private Expectations(Map<String, List<Expected>> byType, Set<String> unregistered, String source) {
    this.byType = byType;
    this.unregistered = unregistered;
    this.source = source;
  }

  /** Whether a message of {@code type} needs a meter point with no supplier ({@code meterPoints: unregistered}). */
  public boolean needsUnregistered(String type) {
    return unregistered.contains(type);
  }

  public String source() {
    return source;
  }

  /** What a message of {@code type} should bring back; {@code withClock} adds the after-clock ones. */
  public List<Expected> of(String type, boolean withClock) {
    List<Expected> all = byType.getOrDefault(type, List.of());
    // with the clock: the stored list itself, as the callback receiver asks for every callback
    return withClock ? all : all.stream().filter(e -> !e.afterClock()).toList();
  }

  public boolean hasAfterClock() {
    return byType.values().stream().flatMap(List::stream).anyMatch(Expected::afterClock);
  }

  /** Reads an expectations file, refusing anything it does not understand (a typo would silently expect nothing). */
  public static Expectations parse(String yaml, String source) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(root instanceof Map<?, ?> types)) {
      throw new IllegalArgumentException(source + ": expected a map of message types");
    }
    Map<String, List<Expected>> byType = new LinkedHashMap<>();
    Set<String> unregistered = new java.util.HashSet<>();
    for (var t : types.entrySet()) {
      String type = String.valueOf(t.getKey());
      if (!(t.getValue() instanceof Map<?, ?> spec) || !Set.of("meterPoints", "expect", "afterClock").containsAll(spec.keySet())) {
        throw new IllegalArgumentException(source + ": '" + type + "' takes the keys meterPoints, expect and afterClock");
      }
      Object meterPoints = spec.get("meterPoints");
      if (meterPoints != null && !Set.of("registered", "unregistered").contains(String.valueOf(meterPoints))) {
        throw new IllegalArgumentException(source + ": " + type + ".meterPoints is registered or unregistered, not " + meterPoints);
      }
      if ("unregistered".equals(meterPoints)) {
        unregistered.add(type);
      }
      List<Expected> list = new ArrayList<>();
      list.addAll(entries(spec.get("expect"), false, source + ": " + type + ".expect"));
      list.addAll(entries(spec.get("afterClock"), true, source + ": " + type + ".afterClock"));
      byType.put(type, List.copyOf(list));
    }
    return new Expectations(byType, Set.copyOf(unregistered), source);
  }

  private static List<Expected> entries(Object list, boolean afterClock, String where) {
    if (list == null) {
      return List.of();
    }
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException(where + ": expected a list");
    }
    List<Expected> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)
          || !Set.of("type", "data").containsAll(m.keySet())) {
        throw new IllegalArgumentException(where + ": each entry is { type: <eventType>, data: { field: value } }");
      }
      Map<String, String> data = new LinkedHashMap<>();
      if (m.get("data") instanceof Map<?, ?> d) {
        d.forEach((k, v) -> data.put(String.valueOf(k), String.valueOf(v)));
      } else if (m.get("data") != null) {
        throw new IllegalArgumentException(where + ": data is a map of fields and values");
      }
      out.add(new Expected(type, Map.copyOf(data), afterClock));
    }
    return out;
  }
}
