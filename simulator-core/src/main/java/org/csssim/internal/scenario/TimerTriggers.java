package org.csssim.internal.scenario;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.csssim.internal.clock.TimerService;

/**
 * The scenarios a timer starts ({@code trigger: {timer: {at, every}}}): each is due at its
 * instant, or one period after the pack loads, and again every period. A reload replaces them
 * all. Owned by the engine's context, where the timers fire.
 */
final class TimerTriggers {
  private final TimerService timers;
  private final List<TimerService.Timer> scheduled = new ArrayList<>();

  TimerTriggers(TimerService timers) {
    this.timers = timers;
  }

  /**
   * Replaces the timers with those of {@code pack}'s timer-triggered scenarios; {@code fire}
   * starts them, and answers false for a scenario no longer in the pack (which then stops).
   */
  void schedule(ScenarioPack pack, BiPredicate<Scenario, Instant> fire) {
    scheduled.forEach(TimerService.Timer::cancel);
    scheduled.clear();
    Instant now = timers.clock().instant();
    for (Scenario s : pack.scenarios()) {
      if (!s.trigger().timer()) {
        continue;
      }
      Instant first = s.trigger().at() != null ? s.trigger().at() : now.plus(s.trigger().every());
      if (first.isBefore(now) && s.trigger().every() != null) {
        while (first.isBefore(now)) {
          first = first.plus(s.trigger().every());
        }
      }
      if (!first.isBefore(now)) {
        at(s, first, fire);
      }
    }
  }

  private void at(Scenario s, Instant due, BiPredicate<Scenario, Instant> fire) {
    scheduled.add(timers.schedule(due, () -> {
      if (fire.test(s, due) && s.trigger().every() != null) {
        at(s, due.plus(s.trigger().every()), fire);
      }
      return io.vertx.core.Future.succeededFuture();
    }));
  }
}
