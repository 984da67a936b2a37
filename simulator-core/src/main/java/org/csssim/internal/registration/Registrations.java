package org.csssim.internal.registration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.csssim.internal.unit.Unit;

/**
 * The registration model: meter points by MPxN, their registrations, and the test data handed
 * out. Scripts read it synchronously (an expression cannot wait), so it is held in heap; every
 * change is also written to the {@link RegistrationStore} with the unit of work that made it,
 * and read back at start. Safe to read from any thread; the scenario engine's context and the
 * allocator (synchronized) are its writers.
 */
public final class Registrations {
  private final RegistrationStore store;
  private final Map<String, MeterPoint> meterPoints = new ConcurrentHashMap<>();
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  private final Map<String, List<String>> registrationsByMpxn = new ConcurrentHashMap<>();
  private final Set<String> allocatedMpxns = ConcurrentHashMap.newKeySet();
  private final List<Allocation> allocations = new ArrayList<>();
  /** The digest of the seed the model holds, or null. */
  private volatile String seedDigest;

  public Registrations(RegistrationStore store) {
    this.store = store;
  }

  /** A model kept nowhere but here: for checking a pack, or a test. */
  public static Registrations unkept() {
    return new Registrations(RegistrationStore.NONE);
  }

  /** The model as the store kept it, without writing it again. */
  public void load(RegistrationStore.Saved saved) {
    saved.meterPoints().forEach(j -> keep(new MeterPoint(j.getString("mpxn"), j.getJsonObject("attributes").getMap())));
    saved.registrations().forEach(j -> keep(registration(j.getString("id"), j.getString("mpxn"),
        j.getJsonObject("attributes").getMap())));
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

  public Optional<Registration> registration(String id) {
    return Optional.ofNullable(id == null ? null : registrations.get(id));
  }

  public List<Registration> registrationsOf(String mpxn) {
    List<Registration> out = new ArrayList<>();
    for (String id : registrationsByMpxn.getOrDefault(mpxn, List.of())) {
      out.add(registrations.get(id));
    }
    return out;
  }

  /** Keeps the registration {@code id} of meter point {@code mpxn}, replacing any it had. */
  public void putRegistration(String id, String mpxn, Map<String, Object> attributes, Unit unit) {
    Registration r = registration(id, mpxn, attributes);
    keep(r);
    store.registration(r.id(), new JsonObject().put("id", r.id()).put("mpxn", r.mpxn())
        .put("attributes", new JsonObject(r.attributes())), unit);
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

  /** With its meter point's MPxN, not a copy of the text: a registration is kept for as long as the simulator runs. */
  private Registration registration(String id, String mpxn, Map<String, Object> attributes) {
    MeterPoint m = mpxn == null ? null : meterPoints.get(mpxn);
    return new Registration(id, m != null ? m.mpxn() : mpxn, attributes);
  }

  private void keep(Registration r) {
    if (registrations.put(r.id(), r) == null) {
      registrationsByMpxn.compute(r.mpxn(), (k, ids) -> {
        List<String> next = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
        next.add(r.id());
        return List.copyOf(next);
      });
    }
  }

  private synchronized void keep(Allocation a) {
    allocatedMpxns.addAll(new HashSet<>(a.mpxns()));
    allocations.add(a);
  }
}
