package org.csssim.internal.clock;

import io.vertx.core.Future;
import java.util.Optional;

/** The clock's setting, kept across restarts: the timer service's port. */
public interface ClockStore {
  void save(SimulatorClock.Saved clock);

  Future<Optional<SimulatorClock.Saved>> load();
}
