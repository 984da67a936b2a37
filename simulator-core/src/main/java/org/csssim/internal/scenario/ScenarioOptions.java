package org.csssim.internal.scenario;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Duration;

/**
 * The scenario pack the simulated parties follow: {@code classpath:} for the shipped reference
 * pack, or the path of a pack manifest (relative to the working directory). {@code dormantAfter}:
 * a live instance whose wait ends further ahead than this (simulated time), or that waits for a
 * message only, is kept in the store and out of the heap until a message for it comes or its
 * wait nears its end (a store that keeps nothing keeps every instance in heap); zero keeps every
 * instance in heap.
 */
public record ScenarioOptions(String pack, Duration dormantAfter) {
  public static final String REFERENCE_PACK = "classpath:scenarios/reference/pack.yaml";

  public ScenarioOptions {
    pack = pack == null || pack.isBlank() ? REFERENCE_PACK : pack;
    dormantAfter = dormantAfter == null ? Duration.ofHours(1) : dormantAfter;
    require(!dormantAfter.isNegative(), "dormantAfter", "dormantAfter must be zero (never) or more");
  }

  public ScenarioOptions(String pack) {
    this(pack, null);
  }
}
