package org.csssim.internal.clock;

import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;

/**
 * Changes to the simulator's time, as the operator makes them. Moving time forward fires every
 * timer that falls due on the way, in time order, before the change completes.
 */
public interface ClockControl {
  SimulatorClock clock();

  Future<Instant> advance(Duration by);

  Future<Instant> set(Instant instant);

  Future<Instant> speed(double speed);

  Future<Instant> reset();
}
