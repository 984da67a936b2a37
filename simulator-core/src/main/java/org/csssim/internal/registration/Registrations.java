package org.csssim.internal.registration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.internal.unit.Unit;

/**
 * The registration model: meter points by MPxN, their registrations, and the test data handed
 * out. Scripts read it synchronously (an expression cannot wait). Every change is written to the
 * {@link RegistrationStore} with the unit of work that made it, and read back at start.
 *
 * <p>Meter points and test data are held in heap. Registrations are too, except where the store
 * can read them back on the caller's thread ({@link RegistrationStore#reads()}, the embedded
 * store): there at most {@code inHeap} are held, those written last, and the rest are read from
 * the store when a script asks for them ({@link HeldRegistrations}). Every switch adds a
 * registration for as long as the simulator runs, so held whole they were what a long run's heap
 * grew by.
 *
 * <p>Safe to read from any thread; the scenario engine's context and the allocator
 * (synchronized) are its writers.
 */
public final class Registrations {
  /**
   * Registrations held in heap where they can leave it, unless configured ({@code
   * store.registrationsInHeap}). Few, because a registration held a while is what a young
   * collection copies most: at 100,000, each outlived a hundred collections and was copied up to
   * fifteen times before it was promoted, and those copies were about half of what every young
   * pause copied. A thousand outlive about two, and cover every registration whose write is
   * still in flight.
   */
  public static final int IN_HEAP = 1_000;

  private final RegistrationStore store;
  /** Where registrations that left the heap are read; null where none leaves it. */
  private final RegistrationStore.Reads reads;
  private final Map<String, MeterPoint> meterPoints = new ConcurrentHashMap<>();
  /** Some registration of a meter point the model did not have when it left may be in the store only. */
  private volatile boolean leftUnknown;
  private final HeldRegistrations held;
  private final Set<String> allocatedMpxns = ConcurrentHashMap.newKeySet();
  private final List<Allocation> allocations = new ArrayList<>();
  /** The digest of the seed the model holds, or null. */
  private volatile String seedDigest;

  /** A model that holds at most {@code inHeap} registrations where {@code store} can read the rest back. */
  public Registrations(RegistrationStore store, int inHeap) {
    this.store = store;
    this.reads = store.reads().orElse(null);
    this.held = new HeldRegistrations(reads != null, inHeap, this::markLeft);
  }

  public Registrations(RegistrationStore store) {
    this(store, IN_HEAP);
  }

  /** A model kept nowhere but here: for checking a pack, or a test. */
  public static Registrations unkept() {
    return new Registrations(RegistrationStore.NONE);
  }

  /** The model as the store kept it, without writing it again. */
  public void load(RegistrationStore.Saved saved) {
    saved.meterPoints().forEach(j -> keep(new MeterPoint(j.getString("mpxn"), j.getJsonObject("attributes").getMap())));
    saved.registrations().forEach(j -> held.hold(fromStore(j), false));
    saved.inStore().forEach(l -> held.leftAtStart(l.id(), l.mpxn()));
    saved.allocations().stream()
        .sorted(Comparator.comparing(j -> j.getString("at")))
        .forEach(j -> keep(new Allocation(j.getString("id"), j.getString("forMpid"), j.getString("fuelType"),
            j.getString("registeredTo"), j.getJsonArray("mpxns").getList(), Instant.parse(j.getString("at")))));
    seedDigest = saved.seedDigest();
  }

  /** Whether the seed with {@code digest} was put into this model, at this start or one before. */
  public boolean holdsSeed(String digest) {
    return digest != null && digest.equals(seedDigest);
  }

  /** Records that every meter point of the seed with {@code digest} is in the model. */
  public void seeded(String digest, Unit unit) {
    seedDigest = digest;
    store.seeded(digest, unit);
  }

  public Optional<MeterPoint> meterPoint(String mpxn) {
    return Optional.ofNullable(mpxn == null ? null : meterPoints.get(mpxn));
  }

  public void putMeterPoint(MeterPoint m, Unit unit) {
    keep(m);
    store.meterPoint(m.mpxn(), new JsonObject().put("mpxn", m.mpxn()).put("attributes", new JsonObject(m.attributes())),
        unit);
  }

  public Collection<MeterPoint> meterPoints() {
    return List.copyOf(meterPoints.values());
  }

  /** A registration that left the heap could not be read back from the store. */
  public static final class Unreadable extends RuntimeException {
    Unreadable(RuntimeException cause) {
      super("registrations kept in the store could not be read: " + cause.getMessage(), cause);
    }
  }

  /** Registration {@code id}, from the store if it left the heap (a failed read there: {@link Unreadable}). */
  public Optional<Registration> registration(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Registration r = held.get(id);
    if (r != null || !held.mayHaveLeft(id)) {
      return Optional.ofNullable(r);
    }
    try {
      return reads.registration(id).map(this::fromStore);
    } catch (RuntimeException e) {
      throw new Unreadable(e);
    }
  }

  /**
   * Every registration of meter point {@code mpxn}: in the order they were made, or, where some
   * are read from the store, in the order of their ids (which the simulator mints time-ordered,
   * so the same order for those it made). A failed read in the store: {@link Unreadable}.
   */
  public List<Registration> registrationsOf(String mpxn) {
    List<Registration> out = held.of(mpxn);
    if (mpxn == null || !mayHaveLeft(mpxn)) {
      return out;
    }
    Set<String> inHeap = new HashSet<>();
    out.forEach(r -> inHeap.add(r.id()));
    List<JsonObject> inStore;
    try {
      inStore = reads.registrationsOf(mpxn);
    } catch (RuntimeException e) {
      throw new Unreadable(e);
    }
    for (JsonObject j : inStore) {
      if (!inHeap.contains(j.getString("id"))) {
        out.add(fromStore(j));
      }
    }
    out.sort(Comparator.comparing(Registration::id));
    return out;
  }

  /** A new registration was saved without the MPxN of its meter point. */
  public static final class NoMpxn extends RuntimeException {
    NoMpxn() {
      super("a new registration needs its mpxn", null, false, false);
    }
  }

  /**
   * Saves registration {@code id}: {@code fields} over the attributes it had (read from the store
   * if it left the heap: {@link Unreadable} if that fails), or, a new one, of meter point {@code
   * mpxn} ({@link NoMpxn} if null). An existing registration keeps its meter point.
   */
  public void saveRegistration(String id, String mpxn, Map<String, Object> fields, Unit unit) {
    Registration existing = registration(id).orElse(null);
    if (existing == null && mpxn == null) {
      throw new NoMpxn();
    }
    Map<String, Object> attributes = new LinkedHashMap<>(existing == null ? Map.of() : existing.attributes());
    attributes.putAll(fields);
    Registration r = registration(id, existing == null ? mpxn : existing.mpxn(), attributes);
    held.hold(r, existing != null);
    store.registration(r.id(), new JsonObject().put("id", r.id()).put("mpxn", r.mpxn())
        .put("attributes", new JsonObject(r.attributes())), unit);
    if (reads != null) {
      unit.committed().onSuccess(v -> held.committed(r));
    }
  }

  /** How many registrations are held in heap. */
  public int registrationsInHeap() {
    return held.size();
  }

  /** How many registrations are kept in the store only, read from there when asked for. */
  public int registrationsOutOfHeap() {
    return held.leftCount();
  }

  public boolean allocated(String mpxn) {
    return allocatedMpxns.contains(mpxn);
  }

  public void recordAllocation(Allocation a, Unit unit) {
    keep(a);
    store.allocation(a.id(), new JsonObject().put("id", a.id()).put("forMpid", a.forMpid()).put("fuelType", a.fuelType())
        .put("registeredTo", a.registeredTo()).put("mpxns", new JsonArray(a.mpxns())).put("at", a.at().toString()), unit);
  }

  public synchronized List<Allocation> allocations() {
    return List.copyOf(allocations);
  }

  /** Keeps {@code m}, in place of the meter point of its MPxN, and that one's mark. */
  private void keep(MeterPoint m) {
    meterPoints.compute(m.mpxn(), (k, old) -> {
      if (old != null ? old.registrationsLeft : leftUnknown) {
        m.registrationsLeft = true;
      }
      return m;
    });
  }

  /** A registration of meter point {@code mpxn} leaves the heap: in a compute, so that a meter point replaced meanwhile keeps the mark. */
  private void markLeft(String mpxn) {
    if (mpxn == null) {
      leftUnknown = true;
      return;
    }
    meterPoints.compute(mpxn, (k, m) -> {
      if (m == null) {
        leftUnknown = true;
      } else {
        m.registrationsLeft = true;
      }
      return m;
    });
  }

  /** Whether some registration of meter point {@code mpxn} may be in the store only. */
  private boolean mayHaveLeft(String mpxn) {
    MeterPoint m = meterPoints.get(mpxn);
    return m != null ? m.registrationsLeft : leftUnknown;
  }

  private Registration fromStore(JsonObject j) {
    return registration(j.getString("id"), j.getString("mpxn"), j.getJsonObject("attributes").getMap());
  }

  /** With its meter point's MPxN, not a copy of the text: a registration is kept for as long as the simulator runs. */
  private Registration registration(String id, String mpxn, Map<String, Object> attributes) {
    MeterPoint m = mpxn == null ? null : meterPoints.get(mpxn);
    return new Registration(id, m != null ? m.mpxn() : mpxn, attributes);
  }

  private synchronized void keep(Allocation a) {
    allocatedMpxns.addAll(new HashSet<>(a.mpxns()));
    allocations.add(a);
  }
}
