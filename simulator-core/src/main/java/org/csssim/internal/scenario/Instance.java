package org.csssim.internal.scenario;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.csssim.internal.clock.TimerService;

/**
 * One running scenario: its variables and where it is. Owned by the engine's context: only
 * that thread reads or changes it, so it has no locks.
 */
final class Instance {
  enum Status { running, waiting, ended, failed }

  /** A list of steps and the next one to run. */
  static final class Frame {
    final List<Step> steps;
    int next;

    Frame(List<Step> steps) {
      this.steps = steps;
    }
  }

  final String id;
  final Scenario scenario;
  final String key;
  final String actingMpid;
  final String actingRole;
  /**
   * The message that started it, as JSON: scripts rarely read it after their first steps, and
   * a million waiting instances holding it as maps would need about twice the heap.
   */
  private byte[] trigger;
  final Map<String, String> ack;
  final Map<String, Object> params;
  final Map<String, Object> vars;
  final Instant started;
  String correlationId;
  // rarely deeper than a block within a handler; a waiting instance has one frame, so start small
  Deque<Frame> stack = new ArrayDeque<>(2);
  Step.Wait waiting;
  TimerService.Timer timer;
  Instant waitingUntil;
  Status status = Status.running;
  String outcome;
  String error;
  Instant updated;
  boolean jumped;
  /** The store holds a row for it (so its end must remove one). */
  boolean stored;
  /** Saves of it so far: a dormant one's row is read back only if it is its last (see {@link Dormancy}). */
  int saves;

  /** {@code trigger}: the exact JSON of the message that started it. */
  Instance(String id, Scenario scenario, String key, String actingMpid, String actingRole, byte[] trigger,
           Map<String, String> ack, Map<String, Object> params, String correlationId, Instant started) {
    this.id = id;
    this.scenario = scenario;
    this.vars = new Vars(scenario.vars());
    this.key = key;
    this.actingMpid = actingMpid;
    this.actingRole = actingRole;
    this.trigger = trigger;
    // an ack carries an id or two, kept as long as the instance lives: a one-entry map is a fifth the size
    this.ack = ack.size() == 1 ? Map.copyOf(ack) : ack;
    this.params = params;
    this.correlationId = correlationId;
    this.started = started;
    this.updated = started;
  }

  /** The message that started it, as JSON; null once it was let go. */
  byte[] triggerJson() {
    return trigger;
  }

  /** The message that started it, read again from its JSON; null once it was let go. */
  Map<String, Object> trigger() {
    return trigger == null ? null : org.csssim.internal.json.Json.map(trigger);
  }

  /** Lets go of the message that started it, when its scenario never reads it once waiting. */
  void dropTriggerIfUnread() {
    if (!scenario.readsTriggerLate()) {
      trigger = null;
    }
  }

  boolean live() {
    return status == Status.running || status == Status.waiting;
  }
}
