package org.csssim.internal.registration;

import java.util.Map;

/**
 * A registration of a meter point by id, with the attributes the scenarios give it (status,
 * supplier, supply start date...). Statuses and their rules are the scenario pack's.
 */
public record Registration(String id, String mpxn, Map<String, Object> attributes) {
  /** Text up to this long (a status, an mpid, a fuel type, a date) is {@linkplain String#intern held once}. */
  private static final int SHARED_LENGTH = 10;

  public Registration {
    attributes = shared(attributes);
  }

  /**
   * The attributes, their short text held once for all registrations: every switch adds a
   * registration for as long as the simulator runs, and the statuses, mpids and supply start
   * dates in them are the same few words, otherwise a String and its bytes (some 50 bytes) each.
   */
  private static Map<String, Object> shared(Map<String, Object> attributes) {
    // a loop, not a stream: a start builds the model for every switch a run left, in a JVM still cold
    @SuppressWarnings("unchecked")
    Map.Entry<String, Object>[] entries = new Map.Entry[attributes.size()];
    int i = 0;
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      Object v = e.getValue() instanceof String s && s.length() <= SHARED_LENGTH ? s.intern() : e.getValue();
      entries[i++] = Map.entry(e.getKey(), v);
    }
    return Map.ofEntries(entries);
  }

  public Map<String, Object> view() {
    var m = new java.util.LinkedHashMap<String, Object>(attributes);
    m.put("registrationId", id);
    m.put("mpxn", mpxn);
    return m;
  }
}
