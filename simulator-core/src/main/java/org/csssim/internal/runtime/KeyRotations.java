package org.csssim.internal.runtime;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.Comparator;
import org.csssim.internal.clock.TimerService;
import org.csssim.internal.party.Connections;

/**
 * Parties' key rotations follow the simulated clock: their keys are set for now, and one timer
 * waits for the next rotation instant, armed again after each (and after any change to the
 * clock, since a reset can move back before one). A timer sets the keys as they stand at its own
 * instant, so the journal says when each step took effect, even when the clock jumped past it.
 */
final class KeyRotations {
  private final TimerService timers;
  private final Connections connections;
  /** Read and written on the timer context only. */
  private TimerService.Timer next;

  KeyRotations(TimerService timers, Connections connections) {
    this.timers = timers;
    this.connections = connections;
  }

  void start() {
    connections.rotateTo(timers.clock().instant());
    arm();
    timers.onChanged(() -> {
      connections.rotateTo(timers.clock().instant());
      arm();
    });
  }

  /** Timers belong to the timer context: armed there, whoever asks. */
  private void arm() {
    timers.owner().runOnContext(v -> {
      if (next != null) {
        next.cancel();
      }
      Instant now = timers.clock().instant();
      next = connections.registry().rotationInstants().stream().filter(at -> at.isAfter(now))
          .min(Comparator.naturalOrder())
          .map(at -> timers.schedule(at, () -> {
            connections.rotateTo(at);
            arm();
            return Future.succeededFuture();
          })).orElse(null);
    });
  }
}
