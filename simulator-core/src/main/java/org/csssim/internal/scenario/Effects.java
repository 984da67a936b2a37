package org.csssim.internal.scenario;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.clock.WorkingCalendar;
import org.csssim.internal.message.Message;
import org.csssim.internal.registration.Registrations;
import org.csssim.internal.scenario.expr.EvalContext;

/**
 * What a step may do beyond changing its own instance: all the {@link Interpreter} sees of the
 * engine. The engine implements it on its context.
 */
interface Effects {
  /** What the instance's expressions read while it handles {@code current} (null: none). */
  EvalContext context(Instance inst, Inbound current);

  Clock clock();

  WorkingCalendar calendar();

  /** The envelope version the catalogue stamps on what the simulator writes. */
  String envelopeVersion();

  /** Envelope members every message the pack's scripts send carries (a send's own override them). */
  Map<String, Object> envelopeMembers();

  /** The mpids a {@code send} names: a party's mpid, or a role (every party holding it); empty when none. */
  List<String> recipients(String nameOrRole);

  /** Sends {@code message} to {@code recipient} in the turn; refused (and journaled) when its schema says no. */
  void send(Step.Send step, Message message, String recipient, Turn turn);

  /** Wakes the instance at {@code due} (its wait's deadline). */
  void wakeAt(Instance inst, Instant due);

  void cancelWake(Instance inst);

  /** The instance ended or failed: it leaves the live set. */
  void ended(Instance inst);

  Registrations registrations();
}
