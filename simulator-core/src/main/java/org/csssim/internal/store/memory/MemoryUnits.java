package org.csssim.internal.store.memory;

import io.vertx.core.Future;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.unit.Units;

/** Units of work in heap: nothing to commit, so one shared unit that is always committed, and always room. */
final class MemoryUnits implements Units {
  private static final Future<Void> DONE = Future.succeededFuture();
  private static final Unit NONE = new Unit() {
    @Override
    public Future<Void> commit() {
      return DONE;
    }

    @Override
    public Future<Void> committed() {
      return DONE;
    }
  };

  @Override
  public Unit begin() {
    return NONE;
  }

  @Override
  public Future<Void> room() {
    return DONE;
  }
}
