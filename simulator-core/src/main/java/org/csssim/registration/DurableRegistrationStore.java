package org.csssim.registration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.csssim.store.StateStore;

/**
 * The registration model in memory, as scripts need it (they read synchronously), with every
 * change written behind to the store: meter points, registrations and test-data allocations
 * are documents, read back at start.
 */
public final class DurableRegistrationStore implements RegistrationStore {
  public static final String METER_POINT = "meterPoint";
  public static final String REGISTRATION = "registration";
  public static final String ALLOCATION = "allocation";

  private final InMemoryRegistrationStore memory = new InMemoryRegistrationStore();
  private final StateStore store;

  public DurableRegistrationStore(StateStore store) {
    this.store = store;
  }

  /** Fills the model from the store's documents, without writing them again. */
  public void load(List<JsonObject> meterPoints, List<JsonObject> registrations, List<JsonObject> allocations) {
    meterPoints.forEach(j -> memory.putMeterPoint(new MeterPoint(j.getString("mpxn"), j.getJsonObject("attributes").getMap())));
    registrations.forEach(j -> memory.putRegistration(new Registration(j.getString("id"), j.getString("mpxn"),
        j.getJsonObject("attributes").getMap())));
    allocations.stream()
        .sorted(java.util.Comparator.comparing(j -> j.getString("at")))
        .forEach(j -> memory.recordAllocation(new Allocation(j.getString("id"), j.getString("forMpid"),
            j.getString("fuelType"), j.getString("registeredTo"), j.getJsonArray("mpxns").getList(),
            Instant.parse(j.getString("at")))));
  }

  @Override
  public Optional<MeterPoint> meterPoint(String mpxn) {
    return memory.meterPoint(mpxn);
  }

  @Override
  public void putMeterPoint(MeterPoint m) {
    memory.putMeterPoint(m);
    store.put(METER_POINT, m.mpxn(), new JsonObject().put("mpxn", m.mpxn()).put("attributes", new JsonObject(m.attributes())));
  }

  @Override
  public Collection<MeterPoint> meterPoints() {
    return memory.meterPoints();
  }

  @Override
  public Optional<Registration> registration(String id) {
    return memory.registration(id);
  }

  @Override
  public List<Registration> registrationsOf(String mpxn) {
    return memory.registrationsOf(mpxn);
  }

  @Override
  public void putRegistration(Registration r) {
    memory.putRegistration(r);
    store.put(REGISTRATION, r.id(), new JsonObject().put("id", r.id()).put("mpxn", r.mpxn())
        .put("attributes", new JsonObject(r.attributes())));
  }

  @Override
  public boolean allocated(String mpxn) {
    return memory.allocated(mpxn);
  }

  @Override
  public void recordAllocation(Allocation a) {
    memory.recordAllocation(a);
    store.put(ALLOCATION, a.id(), new JsonObject().put("id", a.id()).put("forMpid", a.forMpid()).put("fuelType", a.fuelType())
        .put("registeredTo", a.registeredTo()).put("mpxns", new JsonArray(a.mpxns())).put("at", a.at().toString()));
  }

  @Override
  public List<Allocation> allocations() {
    return memory.allocations();
  }
}
