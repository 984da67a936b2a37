package org.csssim.internal.registration;

import java.util.Map;

/**
 * A meter point (an RMP) by its MPxN, with whatever attributes the data and the scenarios give
 * it (fuel type, current supplier, address, smart flag, agents...). Java knows only the MPxN;
 * the meaning of every attribute is the scenario pack's.
 */
public record MeterPoint(String mpxn, Map<String, Object> attributes) {
  public MeterPoint {
    attributes = Map.copyOf(attributes);
  }

  /** As scripts read it: the attributes with the mpxn. */
  public Map<String, Object> view() {
    var m = new java.util.LinkedHashMap<String, Object>(attributes);
    m.put("mpxn", mpxn);
    return m;
  }
}
