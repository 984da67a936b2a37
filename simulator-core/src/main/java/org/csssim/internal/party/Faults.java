package org.csssim.internal.party;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The faults injected per party now: from the configuration, changed through the admin API. */
public final class Faults {
  private final Map<String, FaultProfile> byParty = new ConcurrentHashMap<>();

  public FaultProfile of(String mpid) {
    return mpid == null ? FaultProfile.NONE : byParty.getOrDefault(mpid, FaultProfile.NONE);
  }

  public void set(String mpid, FaultProfile faults) {
    byParty.put(mpid, faults);
  }
}
