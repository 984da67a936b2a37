package org.csssim.internal.scenario;

import org.csssim.internal.unit.Unit;

/**
 * One turn of the engine on its context: the handling of one message, one wake, one start.
 * Everything the turn changes (instances, registrations, messages sent, the inbox entry it
 * handled) goes in its unit of work, committed when the turn ends. A {@code reply} step's
 * answer to a synchronous message is kept here for the intake.
 */
final class Turn {
  final Unit unit;
  Integer replyStatus;
  Object replyBody;

  Turn(Unit unit) {
    this.unit = unit;
  }
}
