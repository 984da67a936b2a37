package org.csssim.internal.scenario;

import java.util.List;
import java.util.Map;
import org.csssim.internal.party.Party;
import org.csssim.internal.scenario.expr.EvalContext;
import org.csssim.internal.scenario.expr.Functions;

/**
 * What a script's expressions read while an instance handles a message (or, with no instance,
 * while the engine decides which instance or trigger takes it): the roots of
 * docs/scenarios.md and the pack's functions.
 */
final class ScriptContext implements EvalContext {
  private final Instance inst;
  private final Inbound current;
  private final Party self;
  private final Map<String, Object> values;
  private final Functions functions;

  ScriptContext(Instance inst, Inbound current, Party self, Map<String, Object> values, Functions functions) {
    this.inst = inst;
    this.current = current;
    this.self = self;
    this.values = values;
    this.functions = functions;
  }

  @Override
  public Object root(String name) {
    return switch (name) {
      case "message" -> current != null ? current.view() : inst == null ? null : inst.trigger();
      case "trigger" -> inst == null ? (current == null ? null : current.view()) : inst.trigger();
      case "ack" -> inst == null ? (current == null ? Map.of() : current.ack()) : inst.ack;
      case "vars" -> inst == null ? Map.of() : inst.vars;
      case "values" -> values;
      case "params" -> inst == null ? Map.of() : inst.params;
      case "instance" -> inst == null ? Map.of() : Map.of("id", inst.id, "key", inst.key,
          "scenario", inst.scenario.name(), "correlationId", inst.correlationId);
      case "self" -> Map.of("mpid", self.mpid(), "roles", self.roles());
      default -> null;
    };
  }

  @Override
  public Object call(String function, List<Object> args) {
    return functions.call(function, args);
  }
}
