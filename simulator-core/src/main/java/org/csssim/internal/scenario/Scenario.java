package org.csssim.internal.scenario;

import java.util.List;
import java.util.Map;
import org.csssim.internal.scenario.expr.Expression;

/**
 * A loaded, checked scenario: the behaviour of a party ({@code actsAs}: roles or mpids, any of
 * which it plays) for one kind of flow. An instance starts on its trigger and is found again by its key.
 */
public record Scenario(
    String name,
    String description,
    String file,
    List<String> actsAs,
    Trigger trigger,
    Expression key,
    Map<String, Expression> accepts,
    Map<String, List<Step>> on,
    List<Step> steps,
    Map<String, List<Step>> blocks,
    Map<String, Param> params,
    boolean readsTriggerLate,
    Vars.Names vars) {

  /**
   * What starts an instance: messages the acting party receives (optionally only when a
   * condition holds), the operator, or a timer ({@code at} an instant, and/or {@code every}
   * period after it; {@code every} alone starts one period after loading).
   */
  public record Trigger(List<String> messages, Expression when, boolean operator, java.time.Instant at,
                        java.time.Duration every) {
    public boolean on(String eventType) {
      return messages.contains(eventType);
    }

    public boolean timer() {
      return at != null || every != null;
    }
  }

  /** A parameter of an operator-started scenario. */
  public record Param(String description, Object defaultValue, boolean required) {}
}
