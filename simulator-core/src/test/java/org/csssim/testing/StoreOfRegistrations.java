package org.csssim.testing;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.csssim.internal.registration.RegistrationStore;
import org.csssim.internal.unit.Unit;

/** A registration store for tests to override: it keeps nothing and starts empty, as {@link RegistrationStore#NONE}. */
public class StoreOfRegistrations implements RegistrationStore {
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
