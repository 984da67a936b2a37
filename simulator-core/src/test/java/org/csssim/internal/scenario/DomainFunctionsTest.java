package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.registration.MeterPoint;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.scenario.expr.ExprException;
import org.csssim.internal.unit.Unit;
import org.junit.jupiter.api.Test;

/** A script's read of a registration the store cannot read back fails its expression, saying why. */
class DomainFunctionsTest {
  /** Keeps every write and reads nothing back: the disk has gone. */
  private static final RegistrationStore BROKEN = new RegistrationStore.KeepsNothing() {
    @Override
    public Optional<Reads> reads() {
      return Optional.of(new Reads() {
        @Override
        public Optional<JsonObject> registration(String id) {
          throw new IllegalStateException("disk I/O error");
        }

        @Override
        public List<JsonObject> registrationsOf(String mpxn) {
          throw new IllegalStateException("disk I/O error");
        }
      });
    }
  };

  /** A unit committed at once. */
  private static final Unit COMMITTED = new Unit() {
    @Override
    public Future<Void> commit() {
      return committed();
    }

    @Override
    public Future<Void> committed() {
      return Future.succeededFuture();
    }
  };

  @Test
  void aRegistrationTheStoreCannotReadBackFailsTheExpression() {
    Registrations model = new Registrations(BROKEN, 1);
    for (String mpxn : List.of("M1", "M2", "M3")) {
      model.putMeterPoint(new MeterPoint(mpxn, Map.of()), COMMITTED);
    }
    model.saveRegistration("r-1", "M1", Map.of("status", "Pending"), COMMITTED);
    model.saveRegistration("r-2", "M2", Map.of("status", "Pending"), COMMITTED);   // r-1 leaves the heap
    var functions = DomainFunctions.of(model, () -> null);

    ExprException one = assertThrows(ExprException.class, () -> functions.get("registration").impl().apply(List.of("r-1")));
    assertEquals("registrations kept in the store could not be read: disk I/O error", one.getMessage());
    ExprException all = assertThrows(ExprException.class, () -> functions.get("registrations").impl().apply(List.of("M1")));
    assertEquals(one.getMessage(), all.getMessage());
    assertEquals(List.of(), functions.get("registrations").impl().apply(List.of("M3")), "a meter point with none left reads nothing");
  }
}
