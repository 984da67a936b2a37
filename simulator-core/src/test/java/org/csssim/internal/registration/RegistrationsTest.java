package org.csssim.internal.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registration model keeps a registration for every switch for as long as the simulator
 * runs: its short text is held once, and its MPxN is its meter point's.
 */
class RegistrationsTest {
  @Test
  void registrationsShareTheirShortTextAndTheirMeterPointsMpxn() {
    Registrations model = Registrations.unkept();
    String mpxn = "1000000000016";
    model.putMeterPoint(new MeterPoint(mpxn, Map.of("fuelType", "E")), null);
    // each as a script renders it: text of its own
    Map<String, Object> a = Map.of("status", new String("Pending"), "supplyStartDate", new String("2026-12-14"),
        "registrationInitiator", new String("SupplierChange"));
    Map<String, Object> b = Map.of("status", new String("Pending"), "supplyStartDate", new String("2026-12-14"),
        "registrationInitiator", new String("SupplierChange"));
    model.saveRegistration("r-1", new String(mpxn), a, null);
    model.saveRegistration("r-2", new String(mpxn), b, null);

    Registration first = model.registration("r-1").orElseThrow();
    Registration second = model.registration("r-2").orElseThrow();
    assertEquals(new Registration("r-1", mpxn, a), first);
    assertSame(first.attributes().get("status"), second.attributes().get("status"));
    assertSame(first.attributes().get("supplyStartDate"), second.attributes().get("supplyStartDate"));
    assertNotSame(first.attributes().get("registrationInitiator"), second.attributes().get("registrationInitiator"),
        "longer text is kept as given");
    assertSame(model.meterPoint(mpxn).orElseThrow().mpxn(), first.mpxn());
    assertSame(first.mpxn(), second.mpxn());
    assertEquals(List.of(first, second), model.registrationsOf(mpxn));
  }
}
