package org.csssim.registration;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Hands out meter points for a test: ones that exist, match the fuel type and the supplier they
 * are registered to, and were never handed out before in this data set. The attribute names
 * are the contract's own ({@code fuelType}, {@code supplierMpid}).
 */
public final class TestDataAllocator {
  private final RegistrationStore store;
  private final Clock clock;

  public TestDataAllocator(RegistrationStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Not enough meter points left to hand out. */
  public static final class Exhausted extends Exception {
    public Exhausted(String message) {
      super(message, null, false, false);
    }
  }

  /** Synchronized: two concurrent requests never get the same meter point. */
  public synchronized Allocation allocate(String forMpid, String fuelType, int count, String registeredTo) throws Exhausted {
    List<String> free = store.meterPoints().stream()
        .filter(m -> fuelType.equals(m.attributes().get("fuelType")))
        .filter(m -> registeredTo == null || registeredTo.equals(m.attributes().get("supplierMpid")))
        .filter(m -> !store.allocated(m.mpxn()))
        .map(MeterPoint::mpxn)
        .sorted(Comparator.naturalOrder())
        .limit(count)
        .toList();
    if (free.size() < count) {
      throw new Exhausted("only " + free.size() + " meter points of fuel " + fuelType
          + (registeredTo == null ? "" : " registered to " + registeredTo) + " are left to hand out; asked for " + count);
    }
    Allocation a = new Allocation(UUID.randomUUID().toString(), forMpid, fuelType, registeredTo, free, clock.instant());
    store.recordAllocation(a);
    return a;
  }
}
