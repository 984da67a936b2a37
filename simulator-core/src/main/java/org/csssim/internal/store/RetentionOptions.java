package org.csssim.internal.store;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.time.Duration;

/**
 * How long a durable journal keeps entries: older than {@code maxAge} (by when they were
 * written, wall-clock time, so moving the simulated clock prunes nothing) or beyond the newest
 * {@code maxEntries}. Either may be left out; with neither, nothing is pruned. With
 * {@code export} (the default) pruned entries are first written to a gzipped JSON-lines file
 * under {@code <dataDir>/journal-archive}. Checked every {@code every}.
 */
public record RetentionOptions(Duration maxAge, Long maxEntries, Boolean export, Duration every) {
  public RetentionOptions {
    require(maxAge == null || !maxAge.isNegative() && !maxAge.isZero(), "maxAge", "maxAge must be positive");
    require(maxEntries == null || maxEntries >= 1, "maxEntries", "maxEntries must be at least 1");
    export = export == null || export;
    every = every == null ? Duration.ofMinutes(1) : every;
    require(!every.isNegative() && !every.isZero(), "every", "every must be positive");
  }

  public boolean prunes() {
    return maxAge != null || maxEntries != null;
  }
}
