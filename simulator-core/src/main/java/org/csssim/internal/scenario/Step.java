package org.csssim.internal.scenario;

import java.util.List;
import java.util.Map;
import org.csssim.internal.scenario.expr.Expression;
import org.csssim.internal.scenario.expr.Template;

/**
 * One step of a scenario, parsed and checked at load. {@code at} is the step's JSON pointer in
 * its file, so a failure at run time names where the step is written.
 */
public sealed interface Step {
  String at();

  /** {@code set: {name: value, ...}}: instance variables. */
  record Set(String at, Map<String, Template> values) implements Step {}

  /** {@code send}: a message as the acting party, through the router; {@code envelope}: further envelope members. */
  record Send(String at, String type, Template to, Template contextType, Template correlationId, Template envelope,
              Template data) implements Step {}

  /**
   * {@code forward}: passes the message being handled on as it is, as the acting party (a hub),
   * to {@code to}, or else to the recipients the catalogue finds for its type; {@code envelope}
   * merges further members into it first.
   */
  record Forward(String at, Template to, Template envelope) implements Step {}

  /** {@code reply}: the synchronous answer to the message being handled. */
  record Reply(String at, int status, Template body) implements Step {}

  record If(String at, Expression test, List<Step> then, List<Step> otherwise) implements Step {}

  /** {@code choose}: the steps of the first rule whose {@code when} holds, else {@code otherwise}. */
  record Choose(String at, List<Rule> rules, List<Step> otherwise) implements Step {}

  record Rule(Expression when, List<Step> steps) {}

  /**
   * {@code wait}: suspends the instance until a time, and takes the messages named in
   * {@code on} meanwhile (the wait resumes after their steps unless they jump or end). With no
   * time it waits for messages only.
   */
  record Wait(String at, Template duration, Template workingDays, Template until, Template atTime,
              Map<String, List<Step>> on) implements Step {}

  /** {@code saveRegistration}: creates a registration or merges attributes into it. */
  record SaveRegistration(String at, Template fields) implements Step {}

  /** {@code saveMeterPoint}: merges attributes into a meter point (creating it when new). */
  record SaveMeterPoint(String at, Template fields) implements Step {}

  record Goto(String at, String block) implements Step {}

  record End(String at, Template outcome) implements Step {}
}
