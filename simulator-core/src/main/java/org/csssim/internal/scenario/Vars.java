package org.csssim.internal.scenario;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An instance's variables: a slot for each name its scenario's {@code set} steps define (known
 * when the pack loads, {@link Names}), held in one array, in that order. A million waiting
 * instances each held a LinkedHashMap of about ten entries, some 500 bytes an instance; this
 * holds the same in about 60 (docs/performance.md). A name no step defines (state saved by an
 * earlier pack, say) is kept beside the slots, so nothing set is lost.
 *
 * <p>Read and changed by the engine's thread only, as the instance is.
 */
final class Vars extends AbstractMap<String, Object> {
  private static final Object UNSET = new Object();
  /** Text up to this long is {@linkplain #shared shared} between instances. */
  private static final int SHARED_LENGTH = 8;
  private final Names names;
  private final Object[] values;
  private Map<String, Object> others;

  /** A scenario's variable names, shared by all its instances. */
  static final class Names {
    private final String[] names;
    private final Map<String, Integer> slots = new HashMap<>();

    Names(List<String> names) {
      this.names = names.toArray(String[]::new);
      for (int i = 0; i < this.names.length; i++) {
        slots.put(this.names[i], i);
      }
    }
  }

  Vars(Names names) {
    this.names = names;
    this.values = new Object[names.names.length];
    java.util.Arrays.fill(values, UNSET);
  }

  @Override
  public Object get(Object key) {
    Integer slot = names.slots.get(key);
    if (slot != null) {
      Object v = values[slot];
      return v == UNSET ? null : v;
    }
    return others == null ? null : others.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    Integer slot = names.slots.get(key);
    return slot != null ? values[slot] != UNSET : others != null && others.containsKey(key);
  }

  /**
   * Short text is held once for all instances: the mpids, roles, fuel types and statuses a
   * script copies into its variables are the same few words in every instance, each otherwise a
   * String and its bytes (some 50 bytes) an instance.
   */
  private static Object shared(Object value) {
    return value instanceof String s && s.length() <= SHARED_LENGTH ? s.intern() : value;
  }

  @Override
  public Object put(String key, Object value) {
    value = shared(value);
    Integer slot = names.slots.get(key);
    if (slot == null) {
      if (others == null) {
        others = new LinkedHashMap<>();
      }
      return others.put(key, value);
    }
    Object before = values[slot];
    values[slot] = value;
    return before == UNSET ? null : before;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, Object>> iterator() {
        List<Entry<String, Object>> set = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
          if (values[i] != UNSET) {
            set.add(new SimpleImmutableEntry<>(names.names[i], values[i]));
          }
        }
        if (others != null) {
          set.addAll(others.entrySet());
        }
        return set.iterator();
      }

      @Override
      public int size() {
        int n = others == null ? 0 : others.size();
        for (Object v : values) {
          n += v == UNSET ? 0 : 1;
        }
        return n;
      }
    };
  }
}
