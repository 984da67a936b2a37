package org.csssim.internal.id;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * The ids the simulator mints for itself: the eventIds of what its parties send, the ids their
 * acknowledgements carry, its instances' ids and what scripts make with {@code uuid()}. Each is
 * a UUID of version 7 (RFC 9562): its first 48 bits are the time, so ids made later sort later.
 * A store's index on them then grows at one end, where random (version 4) ids dirty a page at
 * a random place in it for every row: on the embedded store that was most of a commit's cost
 * (bench-engines, docs/performance.md). The rest of an id is random, as in version 4.
 * Thread-safe. Ids a client chooses (the load tool's, the send command's) stay version 4.
 */
public final class Ids {
  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private Ids() {}

  /** A fresh time-ordered UUID, as text. */
  public static String next() {
    return GENERATOR.generate().toString();
  }
}
