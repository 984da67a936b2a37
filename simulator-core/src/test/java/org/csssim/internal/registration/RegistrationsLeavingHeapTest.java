package org.csssim.internal.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.csssim.internal.unit.Unit;
import org.junit.jupiter.api.Test;

/**
 * Where the store can read registrations back, the model holds only the last ones written and
 * reads the others from the store: never one whose write the store does not have yet.
 */
class RegistrationsLeavingHeapTest {
  private static final String MPXN = "1000000000016";

  /** A store of registrations by id, with its reads counted; what a unit wrote is in it once the unit commits. */
  private static final class Kept extends RegistrationStore.KeepsNothing implements RegistrationStore.Reads {
    final TreeMap<String, JsonObject> rows = new TreeMap<>();
    int reads;
    boolean broken;

    @Override
    public void registration(String id, JsonObject registration, Unit unit) {
      ((Step) unit).writes.add(() -> rows.put(id, registration.copy()));
    }

    @Override
    public Future<Saved> load() {
      List<Left> left = new ArrayList<>();
      rows.values().forEach(j -> left.add(new Left(j.getString("id"), j.getString("mpxn"))));
      return Future.succeededFuture(new Saved(List.of(), List.of(), left, List.of(), null));
    }

    @Override
    public Optional<Reads> reads() {
      return Optional.of(this);
    }

    @Override
    public Optional<JsonObject> registration(String id) {
      read();
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<JsonObject> registrationsOf(String mpxn) {
      read();
      return rows.values().stream().filter(j -> j.getString("mpxn").equals(mpxn)).toList();
    }

    private void read() {
      if (broken) {
        throw new IllegalStateException("disk I/O error");
      }
      reads++;
    }
  }

  /** A unit whose writes reach the store when the test commits it. */
  private static final class Step implements Unit {
    final List<Runnable> writes = new ArrayList<>();
    final Promise<Void> done = Promise.promise();

    @Override
    public Future<Void> commit() {
      writes.forEach(Runnable::run);
      done.complete();
      return done.future();
    }

    @Override
    public Future<Void> committed() {
      return done.future();
    }
  }

  private static Step put(Registrations model, String id, String status) {
    Step unit = new Step();
    model.saveRegistration(id, MPXN, Map.of("status", status), unit);
    return unit;
  }

  private static List<String> ids(List<Registration> rs) {
    return rs.stream().map(Registration::id).toList();
  }

  @Test
  void pastTheBoundTheRegistrationsCommittedLongestAgoAreReadFromTheStore() {
    Kept store = new Kept();
    Registrations model = new Registrations(store, 2);
    for (String id : List.of("r-1", "r-2", "r-3", "r-4")) {
      put(model, id, "Pending").commit();
    }
    put(model, "r-5", "Pending").commit();   // each put past the bound sends the oldest committed one to the store

    assertEquals(2, model.registrationsInHeap());
    int before = store.reads;
    assertEquals(List.of("r-1", "r-2", "r-3", "r-4", "r-5"), ids(model.registrationsOf(MPXN)));
    assertEquals("Pending", model.registration("r-1").orElseThrow().attributes().get("status"));
    assertEquals(before + 2, store.reads, "one read for the meter point, one for r-1");
    model.registration("r-5").orElseThrow();
    assertTrue(model.registration("r-9").isEmpty());
    assertEquals(before + 2, store.reads, "one held in heap, and a new id above every id that left, are not read");
    assertTrue(model.registration("r-0").isEmpty());
    assertEquals(before + 3, store.reads, "one below the greatest that left may have left: the store is asked");
    assertTrue(model.registrationsOf(null).isEmpty());
  }

  @Test
  void aRegistrationWrittenAgainBeforeItsCommitStaysInHeap() {
    Kept store = new Kept();
    Registrations model = new Registrations(store, 1);
    put(model, "r-1", "Pending").commit();
    Step secured = put(model, "r-1", "SecuredActive");   // not committed: the store still has Pending
    put(model, "r-2", "Pending").commit();
    put(model, "r-3", "Pending").commit();

    assertEquals("SecuredActive", model.registration("r-1").orElseThrow().attributes().get("status"));
    secured.commit();
    put(model, "r-4", "Pending").commit();   // now r-1's last write is committed: it may leave
    assertEquals("SecuredActive", model.registration("r-1").orElseThrow().attributes().get("status"));
    assertTrue(store.reads > 0, "r-1 was read from the store");
    assertEquals("SecuredActive", store.rows.get("r-1").getJsonObject("attributes").getString("status"));
  }

  @Test
  void aRegistrationReadBackAndWrittenAgainIsHeldAgainAndNotReadTwice() {
    Kept store = new Kept();
    Registrations model = new Registrations(store, 1);
    put(model, "r-1", "Pending").commit();
    put(model, "r-2", "Pending").commit();
    put(model, "r-3", "Pending").commit();   // r-1 and r-2 left
    Map<String, Object> attributes = new java.util.HashMap<>(model.registration("r-1").orElseThrow().attributes());
    attributes.put("status", "Cancelled");
    model.saveRegistration("r-1", MPXN, attributes, new Step());   // back in heap, not committed

    int before = store.reads;
    assertEquals("Cancelled", model.registration("r-1").orElseThrow().attributes().get("status"));
    assertEquals(before, store.reads);
    assertEquals(List.of("r-1", "r-2", "r-3"), ids(model.registrationsOf(MPXN)));
    assertEquals("Cancelled", model.registrationsOf(MPXN).get(0).attributes().get("status"), "the heap's, not the store's");
  }

  @Test
  void theRegistrationsInTheStoreOnlyAreCountedAsTheyLeaveAndAreHeldAgain() {
    Kept store = new Kept();
    Registrations model = new Registrations(store, 1);
    for (String id : List.of("r-1", "r-2", "r-3")) {
      put(model, id, "Pending").commit();
    }
    assertEquals(2, model.registrationsOutOfHeap());
    put(model, "r-1", "Cancelled").commit();   // read back, held again; r-3 leaves in its place
    assertEquals(2, model.registrationsOutOfHeap());
    assertEquals(1, model.registrationsInHeap());
    assertEquals("Cancelled", model.registration("r-1").orElseThrow().attributes().get("status"));
    put(model, "r-4", "Pending").commit();
    assertEquals(3, model.registrationsOutOfHeap(), "r-1 left again, for r-4");
  }

  @Test
  void aMeterPointWhoseRegistrationsNeverLeftIsNotReadAndTheMarkOutlivesItsReplacement() {
    Kept store = new Kept();
    Registrations model = new Registrations(store, 1);
    Step seed = new Step();
    model.putMeterPoint(new MeterPoint("M1", Map.of("supplierMpid", "SUPB")), seed);
    model.putMeterPoint(new MeterPoint("M2", Map.of("supplierMpid", "SUPB")), seed);
    seed.commit();
    Step one = new Step();
    model.saveRegistration("r-1", "M1", Map.of("status", "Pending"), one);
    one.commit();
    Step two = new Step();
    model.saveRegistration("r-2", "M2", Map.of("status", "Pending"), two);
    two.commit();   // r-1 leaves: M1 is marked

    int before = store.reads;
    assertEquals(List.of("r-2"), ids(model.registrationsOf("M2")));
    assertEquals(before, store.reads, "none of M2's left the heap: no read");
    Step secured = new Step();
    model.putMeterPoint(new MeterPoint("M1", Map.of("supplierMpid", "SUPA")), secured);   // a new value for M1
    secured.commit();
    assertEquals(List.of("r-1"), ids(model.registrationsOf("M1")), "the replacement keeps the mark");
    assertEquals(before + 1, store.reads);
  }

  @Test
  void aStartLeavesInTheStoreWhatTheStoreSaysItLeft() {
    Kept store = new Kept();
    Registrations before = new Registrations(store, 10);
    put(before, "r-1", "Active").commit();
    put(before, "r-2", "Pending").commit();

    Registrations model = new Registrations(store, 10);
    model.load(store.load().result());
    assertEquals(0, model.registrationsInHeap());
    assertEquals(List.of("r-1", "r-2"), ids(model.registrationsOf(MPXN)));
    assertEquals("Active", model.registration("r-1").orElseThrow().attributes().get("status"));
    assertTrue(model.registrationsOf("another").isEmpty());
  }

  @Test
  void aFailedReadInTheStoreSaysSo() {
    Kept store = new Kept();
    Registrations model = new Registrations(store, 1);
    put(model, "r-1", "Pending").commit();
    put(model, "r-2", "Pending").commit();
    store.broken = true;
    var e = assertThrows(Registrations.Unreadable.class, () -> model.registration("r-1"));
    assertEquals("registrations kept in the store could not be read: disk I/O error", e.getMessage());
    assertThrows(Registrations.Unreadable.class, () -> model.registrationsOf(MPXN));
  }

  @Test
  void whereTheStoreCannotReadBackEveryRegistrationStaysInHeap() {
    Registrations model = new Registrations(RegistrationStore.NONE, 1);
    for (String id : List.of("r-1", "r-2", "r-3")) {
      put(model, id, "Pending").commit();
    }
    assertEquals(3, model.registrationsInHeap());
    assertEquals(List.of("r-1", "r-2", "r-3"), ids(model.registrationsOf(MPXN)));
  }
}
