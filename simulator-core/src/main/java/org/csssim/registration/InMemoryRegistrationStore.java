package org.csssim.registration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The registration model in heap. Safe to read from any thread; the scenario engine is its only writer. */
public final class InMemoryRegistrationStore implements RegistrationStore {
  private final Map<String, MeterPoint> meterPoints = new ConcurrentHashMap<>();
  private final Map<String, Registration> registrations = new ConcurrentHashMap<>();
  private final Map<String, List<String>> registrationsByMpxn = new ConcurrentHashMap<>();
  private final Set<String> allocatedMpxns = ConcurrentHashMap.newKeySet();
  private final List<Allocation> allocations = new ArrayList<>();

  @Override
  public Optional<MeterPoint> meterPoint(String mpxn) {
    return Optional.ofNullable(mpxn == null ? null : meterPoints.get(mpxn));
  }

  @Override
  public void putMeterPoint(MeterPoint meterPoint) {
    meterPoints.put(meterPoint.mpxn(), meterPoint);
  }

  @Override
  public Collection<MeterPoint> meterPoints() {
    return List.copyOf(meterPoints.values());
  }

  @Override
  public Optional<Registration> registration(String id) {
    return Optional.ofNullable(id == null ? null : registrations.get(id));
  }

  @Override
  public List<Registration> registrationsOf(String mpxn) {
    List<Registration> out = new ArrayList<>();
    for (String id : registrationsByMpxn.getOrDefault(mpxn, List.of())) {
      out.add(registrations.get(id));
    }
    return out;
  }

  @Override
  public void putRegistration(Registration r) {
    if (registrations.put(r.id(), r) == null) {
      registrationsByMpxn.compute(r.mpxn(), (k, ids) -> {
        List<String> next = ids == null ? new ArrayList<>() : new ArrayList<>(ids);
        next.add(r.id());
        return List.copyOf(next);
      });
    }
  }

  @Override
  public boolean allocated(String mpxn) {
    return allocatedMpxns.contains(mpxn);
  }

  @Override
  public synchronized void recordAllocation(Allocation allocation) {
    allocatedMpxns.addAll(new HashSet<>(allocation.mpxns()));
    allocations.add(allocation);
  }

  @Override
  public synchronized List<Allocation> allocations() {
    return List.copyOf(allocations);
  }
}
