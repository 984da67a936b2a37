package org.csssim.internal.registration;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.id.Ids;
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
   * What to hand out: {@code count} meter points of {@code fuelType} for {@code forMpid}.
   * {@code registeredTo} null matches any supplier, unless {@code unregistered}, which asks for
   * meter points with no supplier (new connections, for initial registrations). {@code having}
   * names attributes they must have (the pack's own, such as how their losing supplier behaves).
   * With {@code create}, missing ones are made as copies of {@code like} (null: the lowest match).
   */
  public record Request(String forMpid, String fuelType, int count, String registeredTo, boolean unregistered,
                        boolean create, String like, Map<String, Object> having) {
    public Request {
      having = having == null ? Map.of() : Map.copyOf(having);
    }

    /** Meter points registered to {@code registeredTo} (null: any), made when too few are left. */
    public static Request registered(String forMpid, String fuelType, int count, String registeredTo) {
      return new Request(forMpid, fuelType, count, registeredTo, false, true, null, Map.of());
    }

    String describe() {
      return "fuel " + fuelType + (unregistered ? " with no supplier" : registeredTo == null ? "" : " registered to "
          + registeredTo) + (having.isEmpty() ? "" : " having " + having);
    }
  }

  /**
   * Synchronized: two concurrent requests never get the same meter point. The meter points made
   * and the allocation commit together; the future completes when they have.
   */
  public synchronized Future<Allocation> allocate(Request r) throws Exhausted {
    String fuelType = r.fuelType();
    int count = r.count();
    List<MeterPoint> matching = store.meterPoints().stream()
        .filter(m -> fuelType.equals(m.attributes().get("fuelType")))
        .filter(m -> r.unregistered() ? m.attributes().get("supplierMpid") == null
            : r.registeredTo() == null || r.registeredTo().equals(m.attributes().get("supplierMpid")))
        .filter(m -> has(m, r.having()))
        .sorted(Comparator.comparing(MeterPoint::mpxn))
        .toList();
    Unit unit = units.begin();
    List<String> free = new ArrayList<>(matching.stream().map(MeterPoint::mpxn).filter(m -> !store.allocated(m))
        .limit(count).toList());
    if (r.create() && free.size() < count) {
      Map<String, Object> model = model(r, matching);
      while (free.size() < count) {
        String mpxn = freshLike((String) model.get("mpxn"));
        Map<String, Object> attributes = new HashMap<>(model);
        attributes.remove("mpxn");
        store.putMeterPoint(new MeterPoint(mpxn, attributes), unit);
        free.add(mpxn);
      }
    }
    if (free.size() < count) {
      throw new Exhausted("only " + free.size() + " meter points of " + r.describe() + " are left to hand out; asked for "
          + count);
    }
    Allocation a = new Allocation(Ids.next(), r.forMpid(), fuelType, r.registeredTo(), free,
        clock.instant());
    store.recordAllocation(a, unit);
    return unit.commit().map(a);
  }

  /** True when {@code m} has every attribute of {@code having} (numbers equal whatever their width). */
  private static boolean has(MeterPoint m, Map<String, Object> having) {
    for (Map.Entry<String, Object> e : having.entrySet()) {
      Object v = m.attributes().get(e.getKey());
      boolean same = v instanceof Number a && e.getValue() instanceof Number b ? a.doubleValue() == b.doubleValue()
          : e.getValue().equals(v);
      if (!same) {
        return false;
      }
    }
    return true;
  }

  /**
   * What new meter points copy: the one named, else the lowest matching one, else (when every
   * match has been switched away) the lowest of the fuel type with its supplier set as asked.
   */
  private Map<String, Object> model(Request r, List<MeterPoint> matching) throws Exhausted {
    if (r.like() != null) {
      return matching.stream().filter(m -> m.mpxn().equals(r.like())).findFirst().map(MeterPoint::view)
          .orElseThrow(() -> new Exhausted("meter point " + r.like() + " does not match, so new ones cannot copy it"));
    }
    if (!matching.isEmpty()) {
      return matching.get(0).view();
    }
    Map<String, Object> any = store.meterPoints().stream().filter(m -> r.fuelType().equals(m.attributes().get("fuelType")))
        .filter(m -> has(m, r.having()))
        .min(Comparator.comparing(MeterPoint::mpxn)).map(MeterPoint::view)
        .orElseThrow(() -> new Exhausted("no meter point of " + r.describe() + " to model new ones on"));
    if (r.unregistered() || r.registeredTo() == null) {
      any.remove("supplierMpid");
    } else {
      any.put("supplierMpid", r.registeredTo());
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
