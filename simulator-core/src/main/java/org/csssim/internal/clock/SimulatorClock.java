package org.csssim.internal.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock of the simulator: real time, real time shifted by an offset, or time running at
 * a speed (60 means a simulated minute per real second). Everything that reads the time reads
 * it here, so testers can fast-forward an objection window instead of waiting for it.
 *
 * <p>Simulated time is {@code base + (real - realBase) * speed}. Each change rebases at the
 * current simulated instant, so time never jumps by accident when only the speed changes.
 * The state is one immutable value swapped atomically: readers on any thread take no lock.
 */
public final class SimulatorClock extends Clock {
  private final Clock real;
  private final AtomicReference<State> state;

  /** Simulated instant {@code base} at real instant {@code realBase}, running at {@code speed}. */
  private record State(Instant base, Instant realBase, double speed) {
    Instant at(Instant realNow) {
      if (speed == 1.0) {
        return base.plus(Duration.between(realBase, realNow));
      }
      long elapsedNanos = Duration.between(realBase, realNow).toNanos();
      return base.plusNanos((long) (elapsedNanos * speed));
    }
  }

  public enum Mode { real, offset, scaled }

  public SimulatorClock(Clock real) {
    this.real = real;
    Instant now = real.instant();
    this.state = new AtomicReference<>(new State(now, now, 1.0));
  }

  public static SimulatorClock system() {
    return new SimulatorClock(Clock.systemUTC());
  }

  @Override
  public Instant instant() {
    return state.get().at(real.instant());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A view in another zone that reads this clock's (simulated) instant. */
  @Override
  public Clock withZone(ZoneId zone) {
    SimulatorClock self = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }

      @Override
      public Instant instant() {
        return self.instant();
      }
    };
  }

  /** Wall-clock time, whatever the simulated time is. */
  public Instant realInstant() {
    return real.instant();
  }

  public double speed() {
    return state.get().speed();
  }

  /** real when simulated time is wall-clock time, offset when shifted, scaled when not at speed 1. */
  public Mode mode() {
    State s = state.get();
    if (s.speed() != 1.0) {
      return Mode.scaled;
    }
    return s.base().equals(s.realBase()) ? Mode.real : Mode.offset;
  }

  /** Jumps forward; a negative duration is refused, as time running backwards breaks every timer. */
  public Instant advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward; use set to go to an earlier time");
    }
    return rebase(s -> s.at(real.instant()).plus(by), null);
  }

  /** Goes to {@code instant} (earlier or later), keeping the speed. */
  public Instant set(Instant instant) {
    return rebase(s -> instant, null);
  }

  /** Runs at {@code speed} from now on (1 is real speed), keeping the current simulated instant. */
  public Instant speed(double speed) {
    if (!(speed > 0) || Double.isInfinite(speed) || speed > 1_000_000) {
      throw new IllegalArgumentException("speed must be greater than 0 and at most 1000000");
    }
    return rebase(s -> s.at(real.instant()), speed);
  }

  /** What the clock stands at, for the store: simulated {@code base} at real {@code realBase}, at {@code speed}. */
  public record Saved(Instant base, Instant realBase, double speed) {}

  public Saved saved() {
    State s = state.get();
    return new Saved(s.base(), s.realBase(), s.speed());
  }

  /** Goes back to a saved setting: an offset clock has gone on running while the simulator was down. */
  public void restore(Saved saved) {
    state.set(new State(saved.base(), saved.realBase(), saved.speed()));
  }

  /** Back to wall-clock time at speed 1. */
  public Instant reset() {
    Instant now = real.instant();
    state.set(new State(now, now, 1.0));
    return now;
  }

  private Instant rebase(java.util.function.Function<State, Instant> target, Double newSpeed) {
    State next = state.updateAndGet(s -> new State(target.apply(s), real.instant(), newSpeed == null ? s.speed() : newSpeed));
    return next.base();
  }
}
