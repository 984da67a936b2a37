package org.csssim.internal.scenario;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.csssim.internal.clock.TimerService;

/**
 * The scenarios a timer starts ({@code trigger: {timer: {at, every}}}): each is due at its
 * instant, or one period after the pack loads, and again every period. A reload replaces them
 * all. A periodic one never waits more than a period: when the clock is set back, its next
 * firing is found again from the new time. Owned by the engine's context, where the timers fire.
 */
final class TimerTriggers {
  private final TimerService timers;
  /** Each timer-triggered scenario's next firing. */
  private final Map<Scenario, TimerService.Timer> next = new IdentityHashMap<>();
  private BiPredicate<Scenario, Instant> fire;

  TimerTriggers(TimerService timers) {
    this.timers = timers;
    timers.onChanged(() -> timers.owner().runOnContext(v -> catchUp()));
  }

  /**
   * Replaces the timers with those of {@code pack}'s timer-triggered scenarios; {@code fire}
   * starts them, and answers false for a scenario no longer in the pack (which then stops).
   */
  void schedule(ScenarioPack pack, BiPredicate<Scenario, Instant> fire) {
    next.values().forEach(TimerService.Timer::cancel);
    next.clear();
    this.fire = fire;
    Instant now = timers.clock().instant();
    for (Scenario s : pack.scenarios()) {
      Instant first = s.trigger().timer() ? firstFrom(s, now) : null;
      if (first != null) {
        at(s, first);
      }
    }
  }

  /**
   * After the operator moved the clock: a firing later than the first one from now (the clock
   * was set back past a periodic trigger's ticks) is moved to that one, so an hourly ticker does
   * not fall silent for the days the clock went back. A one-off firing is never later than its
   * own first, so it stays.
   */
  private void catchUp() {
    Instant now = timers.clock().instant();
    for (Scenario s : List.copyOf(next.keySet())) {
      TimerService.Timer pending = next.get(s);
      Instant first = firstFrom(s, now);
      if (first != null && first.isBefore(pending.due())) {
        pending.cancel();
        at(s, first);
      }
    }
  }

  /** Its first firing at or after {@code now}: {@code at}, the first period after it, or a period from now; null if none. */
  private static Instant firstFrom(Scenario s, Instant now) {
    Scenario.Trigger t = s.trigger();
    Instant first = t.at() != null ? t.at() : now.plus(t.every());
    while (first.isBefore(now) && t.every() != null) {
      first = first.plus(t.every());
    }
    return first.isBefore(now) ? null : first;
  }

  private void at(Scenario s, Instant due) {
    next.put(s, timers.schedule(due, () -> {
      next.remove(s);
      if (fire.test(s, due) && s.trigger().every() != null) {
        at(s, due.plus(s.trigger().every()));
      }
      return Future.succeededFuture();
    }));
  }
}
