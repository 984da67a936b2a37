package org.csssim.internal.scenario;

/**
 * The scenario pack the simulated parties follow: {@code classpath:} for the shipped reference
 * pack, or the path of a pack manifest (relative to the working directory).
 */
public record ScenarioOptions(String pack) {
  public static final String REFERENCE_PACK = "classpath:scenarios/reference/pack.yaml";

  public ScenarioOptions {
    pack = pack == null || pack.isBlank() ? REFERENCE_PACK : pack;
  }
}
