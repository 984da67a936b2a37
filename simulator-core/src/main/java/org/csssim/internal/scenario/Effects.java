package org.csssim.internal.scenario;

import java.time.Clock;
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

  /** Where the catalogue's messages keep their envelope. */
  org.csssim.internal.message.EnvelopeLayout layout();

  /** Envelope members every message the pack's scripts send carries (a send's own override them). */
  Map<String, Object> envelopeMembers();

  /** The mpids a {@code send} names: a party's mpid, or a role (every party holding it); empty when none. */
  List<String> recipients(String nameOrRole);

  /** Sends {@code message} to {@code recipient} in the turn; refused (and journaled) when its schema says no. */
  void send(Step.Send step, Message message, String recipient, Turn turn);

  /** Passes {@code message} on unchanged, as {@code sender}, to {@code recipient}. */
  void forward(Message message, String sender, String recipient, Turn turn);

  /**
   * The parties the catalogue routes {@code message} to: those holding its type's recipient
   * roles, and those it names at its type's {@code addressedTo} pointers.
   */
  List<String> addressees(Message message);

  /** The instance waits: until its {@code waitingUntil}, or, with none, for a message only. */
  void waits(Instance inst);

  void cancelWake(Instance inst);

  /** The instance ended or failed: it leaves the live set. */
  void ended(Instance inst);

  Registrations registrations();
}
