package org.csssim.internal.registration;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.csssim.internal.unit.Unit;

/**
 * Where the registration model is kept across restarts: meter points, registrations and
 * test-data allocations as documents by id. {@link Registrations}' port; the store implements
 * it (and the memory store keeps nothing).
 */
public interface RegistrationStore {
  /** Keeps nothing: the memory store's, and a model checked once (a pack's validation). */
  RegistrationStore NONE = new KeepsNothing();

  /** A store that keeps nothing and starts empty; tests override what they need of it. */
  class KeepsNothing implements RegistrationStore {
    @Override
    public void meterPoint(String mpxn, JsonObject meterPoint, Unit unit) {
    }

    @Override
    public void registration(String id, JsonObject registration, Unit unit) {
    }

    @Override
    public void allocation(String id, JsonObject allocation, Unit unit) {
    }

    @Override
    public void seeded(String digest, Unit unit) {
    }

    @Override
    public Future<Saved> load() {
      return Future.succeededFuture(new Saved(List.of(), List.of(), List.of(), List.of(), null));
    }
  }

  void meterPoint(String mpxn, JsonObject meterPoint, Unit unit);

  void registration(String id, JsonObject registration, Unit unit);

  void allocation(String id, JsonObject allocation, Unit unit);

  /** The seed now in the model, by its digest ({@link Seed#digest()}); replaces the one before. */
  void seeded(String digest, Unit unit);

  Future<Saved> load();

  /**
   * Where registrations can be left in the store and read back on the caller's thread, as a
   * script's expression needs them: the embedded store's. Empty where every registration is held
   * in heap (the memory store keeps none; PostgreSQL is read by a reactive client only).
   */
  default Optional<Reads> reads() {
    return Optional.empty();
  }

  /** Registrations as they were last committed, read now, blocking the caller for a read by index. */
  interface Reads {
    Optional<JsonObject> registration(String id);

    /** Every registration of meter point {@code mpxn}, in no order. */
    List<JsonObject> registrationsOf(String mpxn);
  }

  /**
   * What was kept, each as it was written: {@code registrations} to hold in heap, and those
   * {@code inStore}, left there to be read when asked for (only where {@link #reads()} can);
   * {@code seedDigest} null when no seed was put in.
   */
  record Saved(List<JsonObject> meterPoints, List<JsonObject> registrations, List<Left> inStore,
               List<JsonObject> allocations, String seedDigest) {}

  /** A registration left in the store: its id and its meter point's MPxN, all a start reads of it. */
  record Left(String id, String mpxn) {}
}
