package org.csssim.party;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.config.FaultConfig;

/** The faults injected per party now: from the configuration, changed through the admin API. */
public final class Faults {
  private final Map<String, FaultConfig> byParty = new ConcurrentHashMap<>();

  public FaultConfig of(String mpid) {
    return mpid == null ? FaultConfig.NONE : byParty.getOrDefault(mpid, FaultConfig.NONE);
  }

  public void set(String mpid, FaultConfig faults) {
    byParty.put(mpid, faults);
  }
}
