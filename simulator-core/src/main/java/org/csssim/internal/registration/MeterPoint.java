package org.csssim.internal.registration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A meter point (an RMP) by its MPxN, with whatever attributes the data and the scenarios give
 * it (fuel type, current supplier, address, smart flag, agents...). Java knows only the MPxN;
 * the meaning of every attribute is the scenario pack's. A value: two are equal when their MPxN
 * and attributes are.
 */
public final class MeterPoint {
  private final String mpxn;
  private final Map<String, Object> attributes;
  /**
   * The model's own mark, not part of the value: some registration of this meter point may be
   * in the store only ({@link Registrations}). Set before one leaves the heap, carried to the
   * meter point that replaces this one, never cleared. Here rather than in a table by MPxN, which
   * grew by an entry with every switch; in this object it takes no more heap.
   */
  volatile boolean registrationsLeft;

  public MeterPoint(String mpxn, Map<String, Object> attributes) {
    this.mpxn = mpxn;
    this.attributes = Map.copyOf(attributes);
  }

  public String mpxn() {
    return mpxn;
  }

  public Map<String, Object> attributes() {
    return attributes;
  }

  /** As scripts read it: the attributes with the mpxn. */
  public Map<String, Object> view() {
    var m = new LinkedHashMap<String, Object>(attributes);
    m.put("mpxn", mpxn);
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MeterPoint m && Objects.equals(mpxn, m.mpxn) && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mpxn, attributes);
  }

  @Override
  public String toString() {
    return "MeterPoint[mpxn=" + mpxn + ", attributes=" + attributes + "]";
  }
}
