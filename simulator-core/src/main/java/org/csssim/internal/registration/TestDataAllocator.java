package org.csssim.internal.registration;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.unit.Units;

/**
 * Hands out meter points for a test: ones that exist, match the fuel type and the supplier they
 * are registered to, and were never handed out before in this data set. The attribute names
 * are the contract's own ({@code fuelType}, {@code supplierMpid}).
 *
 * <p>A load test needs more meter points than any seed holds, so an allocation may ask to
 * {@code create} the ones missing: each is a copy of a model meter point (the one named, or the
 * matching one with the lowest MPxN)
 * (so it has whatever attributes the pack's scripts read) under a fresh MPxN of the same kind,
 * with correct check digits, that no meter point has.
 */
public final class TestDataAllocator {
  private final Registrations store;
  private final Units units;
  private final Clock clock;

  public TestDataAllocator(Registrations store, Units units, Clock clock) {
    this.store = store;
    this.units = units;
    this.clock = clock;
  }

  /** Not enough meter points left to hand out. */
  public static final class Exhausted extends Exception {
    public Exhausted(String message) {
      super(message, null, false, false);
    }
  }

  private long nextSerial;

  /**
   * {@code registeredTo} null matches any supplier, unless {@code unregistered}, which asks for
   * meter points with no supplier (new connections, for initial registrations). With
   * {@code create}, missing ones are made as copies of {@code like} (null: the lowest match).
   * Synchronized: two concurrent requests never get the same meter point. The meter points made
   * and the allocation commit together; the future completes when they have.
   */
  public synchronized Future<Allocation> allocate(String forMpid, String fuelType, int count, String registeredTo,
                                          boolean unregistered, boolean create, String like) throws Exhausted {
    List<MeterPoint> matching = store.meterPoints().stream()
        .filter(m -> fuelType.equals(m.attributes().get("fuelType")))
        .filter(m -> unregistered ? m.attributes().get("supplierMpid") == null
            : registeredTo == null || registeredTo.equals(m.attributes().get("supplierMpid")))
        .sorted(Comparator.comparing(MeterPoint::mpxn))
        .toList();
    Unit unit = units.begin();
    List<String> free = new ArrayList<>(matching.stream().map(MeterPoint::mpxn).filter(m -> !store.allocated(m))
        .limit(count).toList());
    if (create && free.size() < count) {
      Map<String, Object> model = model(fuelType, matching, like, registeredTo, unregistered);
      while (free.size() < count) {
        String mpxn = freshLike((String) model.get("mpxn"));
        Map<String, Object> attributes = new HashMap<>(model);
        attributes.remove("mpxn");
        store.putMeterPoint(new MeterPoint(mpxn, attributes), unit);
        free.add(mpxn);
      }
    }
    if (free.size() < count) {
      throw new Exhausted("only " + free.size() + " meter points of fuel " + fuelType
          + (unregistered ? " with no supplier" : registeredTo == null ? "" : " registered to " + registeredTo) + " are left to hand out; asked for " + count);
    }
    Allocation a = new Allocation(UUID.randomUUID().toString(), forMpid, fuelType, registeredTo, free, clock.instant());
    store.recordAllocation(a, unit);
    return unit.commit().map(a);
  }

  /**
   * What new meter points copy: the one named, else the lowest matching one, else (when every
   * match has been switched away) the lowest of the fuel type with its supplier set as asked.
   */
  private Map<String, Object> model(String fuelType, List<MeterPoint> matching, String like, String registeredTo,
                                    boolean unregistered) throws Exhausted {
    if (like != null) {
      return matching.stream().filter(m -> m.mpxn().equals(like)).findFirst().map(MeterPoint::view)
          .orElseThrow(() -> new Exhausted("meter point " + like + " does not match, so new ones cannot copy it"));
    }
    if (!matching.isEmpty()) {
      return matching.get(0).view();
    }
    Map<String, Object> any = store.meterPoints().stream().filter(m -> fuelType.equals(m.attributes().get("fuelType")))
        .min(Comparator.comparing(MeterPoint::mpxn)).map(MeterPoint::view)
        .orElseThrow(() -> new Exhausted("no meter point of fuel " + fuelType + " to model new ones on"));
    if (unregistered || registeredTo == null) {
      any.remove("supplierMpid");
    } else {
      any.put("supplierMpid", registeredTo);
    }
    return any;
  }

  /** An MPxN of the same kind as {@code like} (an MPAN core of the same distributor, or an MPRN) that no meter point has. */
  private String freshLike(String like) throws Exhausted {
    while (true) {
      long n = nextSerial++;
      String candidate;
      if (like.length() == 13) {
        String first12 = like.substring(0, 2) + String.format("%010d", 9_000_000_000L + n);
        candidate = first12 + MeterNumbers.checkDigit(first12);
      } else if (like.length() == 10) {
        String body = String.format("%08d", 90_000_000L + n);
        candidate = body + MeterNumbers.mprnCheckDigits(body);
      } else {
        throw new Exhausted("cannot make meter points like " + like + ": neither a 13-digit MPAN core nor a 10-digit MPRN");
      }
      if (store.meterPoint(candidate).isEmpty()) {
        return candidate;
      }
    }
  }
}
