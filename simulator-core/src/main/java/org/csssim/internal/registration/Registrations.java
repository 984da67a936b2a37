package org.csssim.internal.registration;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.LongIntHashMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.internal.id.Hash64;
import org.csssim.internal.unit.Unit;

/**
 * The registration model: meter points by MPxN, their registrations, and the test data handed
 * out. Scripts read it synchronously (an expression cannot wait). Every change is written to the
 * {@link RegistrationStore} with the unit of work that made it, and read back at start.
 *
 * <p>Meter points and test data are held in heap. Registrations are too, except where the store
 * can read them back on the caller's thread ({@link RegistrationStore#reads()}, the embedded
 * store): there at most {@code inHeap} are held, those written last, and the rest are read from
 * the store when a script asks for them. Every switch adds a registration for as long as the
 * simulator runs, so held whole they were what a long run's heap grew by. A registration leaves
 * the heap only once its last write is committed, so the store holds it as the heap did; the heap
 * keeps a 64-bit hash of its id and a count by meter point, so that only a read for one that left
 * goes to the store.
 *
 * <p>Safe to read from any thread; the scenario engine's context and the allocator
 * (synchronized) are its writers.
 */
public final class Registrations {
  /** Registrations held in heap where they can leave it, unless configured ({@code store.registrationsInHeap}). */
  public static final int IN_HEAP = 100_000;

  private final RegistrationStore store;
  /** Where registrations that left the heap are read; null where none leaves it. */
  private final RegistrationStore.Reads reads;
  private final int inHeap;
  private final Map<String, MeterPoint> meterPoints = new ConcurrentHashMap<>();
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  private final Map<String, List<String>> registrationsByMpxn = new ConcurrentHashMap<>();
  /** Guards the three below: commits are seen on the store's thread, the model read and written on the engine's. */
  private final Object leaving = new Object();
  /** Registrations whose last write is committed, by id, the longest committed first: those that may leave. */
  private final LinkedHashMap<String, Registration> committed = new LinkedHashMap<>();
  /** Hashes of the ids of the registrations left in the store. */
  private final LongHashSet leftIds = new LongHashSet();
  /** How many of a meter point's registrations are left in the store, by the hash of its MPxN. */
  private final LongIntHashMap leftByMpxn = new LongIntHashMap();
  private final Set<String> allocatedMpxns = ConcurrentHashMap.newKeySet();
  private final List<Allocation> allocations = new ArrayList<>();
  /** The digest of the seed the model holds, or null. */
  private volatile String seedDigest;

  /** A model that holds at most {@code inHeap} registrations where {@code store} can read the rest back. */
  public Registrations(RegistrationStore store, int inHeap) {
    if (inHeap < 1) {
      throw new IllegalArgumentException("inHeap must be 1 or more");
    }
    this.store = store;
    this.reads = store.reads().orElse(null);
    this.inHeap = inHeap;
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
    saved.registrations().forEach(j -> keep(fromStore(j)));
    if (reads != null) {
      synchronized (leaving) {
        saved.inStore().forEach(l -> left(l.id(), l.mpxn()));
      }
    }
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
    Registration r = registrations.get(id);
    if (r != null || !isLeft(id)) {
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
    List<Registration> out = new ArrayList<>();
    for (String id : registrationsByMpxn.getOrDefault(mpxn, List.of())) {
      Registration r = registrations.get(id);
      if (r != null) {
        out.add(r);
      }
    }
    if (mpxn == null || !hasLeft(mpxn)) {
      return out;
    }
    Set<String> held = new HashSet<>();
    out.forEach(r -> held.add(r.id()));
    List<JsonObject> inStore;
    try {
      inStore = reads.registrationsOf(mpxn);
    } catch (RuntimeException e) {
      throw new Unreadable(e);
    }
    for (JsonObject j : inStore) {
      if (!held.contains(j.getString("id"))) {
        out.add(fromStore(j));
      }
    }
    out.sort(Comparator.comparing(Registration::id));
    return out;
  }

  /** Keeps the registration {@code id} of meter point {@code mpxn}, replacing any it had. */
  public void putRegistration(String id, String mpxn, Map<String, Object> attributes, Unit unit) {
    Registration r = registration(id, mpxn, attributes);
    keep(r);
    store.registration(r.id(), new JsonObject().put("id", r.id()).put("mpxn", r.mpxn())
        .put("attributes", new JsonObject(r.attributes())), unit);
    if (reads != null) {
      unit.committed().onSuccess(v -> committed(r));
      leaveHeap();
    }
  }

  /** How many registrations are held in heap. */
  public int registrationsInHeap() {
    return registrations.size();
  }

  /** How many registrations are kept in the store only, read from there when asked for. */
  public int registrationsOutOfHeap() {
    synchronized (leaving) {
      return leftIds.size();
    }
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

  private void keep(MeterPoint m) {
    meterPoints.put(m.mpxn(), m);
  }

  private Registration fromStore(JsonObject j) {
    return registration(j.getString("id"), j.getString("mpxn"), j.getJsonObject("attributes").getMap());
  }

  /** With its meter point's MPxN, not a copy of the text: a registration is kept for as long as the simulator runs. */
  private Registration registration(String id, String mpxn, Map<String, Object> attributes) {
    MeterPoint m = mpxn == null ? null : meterPoints.get(mpxn);
    return new Registration(id, m != null ? m.mpxn() : mpxn, attributes);
  }

  private void keep(Registration r) {
    if (reads == null) {
      hold(r);
      return;
    }
    synchronized (leaving) {   // not between a registration's leaving and its removal
      hold(r);
    }
  }

  private void hold(Registration r) {
    if (registrations.put(r.id(), r) == null) {
      if (reads != null) {
        cameBack(r);
      }
      registrationsByMpxn.compute(r.mpxn(), (k, ids) -> {
        List<String> next = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
        next.add(r.id());
        return List.copyOf(next);
      });
    }
  }

  // ---- registrations that leave the heap (where the store can read them back) ----

  /** {@code r}'s write is committed: unless written again since, it may leave the heap. */
  private void committed(Registration r) {
    synchronized (leaving) {
      committed.remove(r.id());
      if (registrations.get(r.id()) == r) {
        committed.put(r.id(), r);
      }
      leaveHeap();
    }
  }

  /**
   * Past {@code inHeap}, the registrations committed longest ago leave the heap, each marked as
   * left before it goes, so that a read meanwhile finds it in one place or the other. One written
   * again since its commit stays: the store does not have that write yet. Run at each write and
   * each commit, on whichever thread sees it.
   */
  private void leaveHeap() {
    synchronized (leaving) {
      Iterator<Registration> oldest = committed.values().iterator();
      while (registrations.size() > inHeap && oldest.hasNext()) {
        Registration r = oldest.next();
        oldest.remove();
        if (registrations.get(r.id()) != r) {
          continue;
        }
        left(r.id(), r.mpxn());
        registrationsByMpxn.computeIfPresent(r.mpxn(), (k, ids) -> {
          List<String> next = new ArrayList<>(ids);
          next.remove(r.id());
          return next.isEmpty() ? null : List.copyOf(next);
        });
        registrations.remove(r.id(), r);
      }
    }
  }

  private void left(String id, String mpxn) {
    if (leftIds.add(Hash64.of(id))) {
      leftByMpxn.addTo(Hash64.of(mpxn), 1);
    }
  }

  /** {@code r}, new in heap, may have been left in the store: then it is held again, and counted so. */
  private void cameBack(Registration r) {
    if (leftIds.remove(Hash64.of(r.id()))) {
      long m = Hash64.of(r.mpxn());
      if (leftByMpxn.addTo(m, -1) <= 0) {
        leftByMpxn.remove(m);
      }
    }
  }

  private boolean isLeft(String id) {
    if (reads == null) {
      return false;
    }
    synchronized (leaving) {
      return leftIds.contains(Hash64.of(id));
    }
  }

  private boolean hasLeft(String mpxn) {
    if (reads == null) {
      return false;
    }
    synchronized (leaving) {
      return leftByMpxn.containsKey(Hash64.of(mpxn));
    }
  }

  private synchronized void keep(Allocation a) {
    allocatedMpxns.addAll(new HashSet<>(a.mpxns()));
    allocations.add(a);
  }
}
