package org.csssim.internal.party;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Duration;

/**
 * Faults injected for one party, to rehearse the failures CSS has had in production. Toward the
 * party's system: {@code delay} before each message's first attempt, {@code dropRate} of
 * messages never delivered (a missing notification), {@code duplicateRate} delivered twice,
 * {@code reorder} (messages leave in a shuffled order, each held up to a second). On the
 * party's own requests: {@code errorRate} answered 503, {@code timeoutRate} never answered.
 * Rates are fractions from 0 to 1.
 */
public record FaultProfile(Duration delay, Double dropRate, Double duplicateRate, Boolean reorder, Double errorRate,
                          Double timeoutRate) {
  public static final FaultProfile NONE = new FaultProfile(null, null, null, null, null, null);

  public FaultProfile {
    delay = delay == null ? Duration.ZERO : delay;
    require(!delay.isNegative(), "delay", "delay cannot be negative");
    dropRate = rate(dropRate, "dropRate");
    duplicateRate = rate(duplicateRate, "duplicateRate");
    reorder = reorder != null && reorder;
    errorRate = rate(errorRate, "errorRate");
    timeoutRate = rate(timeoutRate, "timeoutRate");
  }

  private static Double rate(Double r, String key) {
    double v = r == null ? 0 : r;
    require(v >= 0 && v <= 1, key, key + " is a fraction from 0 to 1");
    return v;
  }

  public boolean any() {
    return !delay.isZero() || dropRate > 0 || duplicateRate > 0 || reorder || errorRate > 0 || timeoutRate > 0;
  }

  /** True with probability {@code rate}. */
  public static boolean roll(double rate) {
    return rate > 0 && (rate >= 1 || java.util.concurrent.ThreadLocalRandom.current().nextDouble() < rate);
  }
}
