package org.csssim.registration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The registration model: meter points by MPxN, their registrations, and the test data handed
 * out. Read synchronously by scripts (an expression cannot wait), so an implementation keeps
 * its working set in memory; a durable one writes changes behind.
 */
public interface RegistrationStore {
  Optional<MeterPoint> meterPoint(String mpxn);

  void putMeterPoint(MeterPoint meterPoint);

  Collection<MeterPoint> meterPoints();

  Optional<Registration> registration(String id);

  List<Registration> registrationsOf(String mpxn);

  void putRegistration(Registration registration);

  boolean allocated(String mpxn);

  void recordAllocation(Allocation allocation);

  List<Allocation> allocations();
}
