package org.csssim.internal.registration;

import java.util.Map;

/**
 * A registration of a meter point by id, with the attributes the scenarios give it (status,
 * supplier, supply start date...). Statuses and their rules are the scenario pack's.
 */
public record Registration(String id, String mpxn, Map<String, Object> attributes) {
  public Registration {
    attributes = Map.copyOf(attributes);
  }

  public Map<String, Object> view() {
    var m = new java.util.LinkedHashMap<String, Object>(attributes);
    m.put("registrationId", id);
    m.put("mpxn", mpxn);
    return m;
  }
}
