package org.csssim;

import java.time.Duration;
import java.time.Instant;

/**
 * The simulator's clock: every timer of every scenario runs on it. Moving it forward fires
 * every wait that falls due on the way, in time order, and returns once all they set off has
 * run; so after {@code advance(Duration.ofDays(3))} an objection window has closed and its
 * notifications are journaled.
 */
public interface SimulatedClock {
  /** Now, in simulated time. */
  Instant now();

  /** Moves forward by {@code by}; returns the new now. */
  Instant advance(Duration by);

  /** Moves to {@code instant} (forward fires what falls due; backward fires nothing); returns the new now. */
  Instant set(Instant instant);

  /** Runs at {@code speed} times real time from now (1: real time). */
  Instant speed(double speed);

  /** Back to real time. */
  Instant reset();
}
