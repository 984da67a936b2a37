package org.csssim.internal.scenario;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for every list of steps in a scenario, so where an instance stands (its stack of step
 * lists, and the wait it is in) can be written down and found again after a restart. A name
 * is the path to the list through the scenario's structure ({@code steps/3/then},
 * {@code on/ObjectionRaised}); the same scenario file gives the same names.
 */
final class StepIndex {
  private final Map<List<Step>, String> names = new IdentityHashMap<>();
  private final Map<String, List<Step>> lists = new HashMap<>();
  private final Map<Step.Wait, String> waits = new IdentityHashMap<>();

  StepIndex(Scenario s) {
    add("steps", s.steps());
    s.on().forEach((type, steps) -> add("on/" + type, steps));
    s.blocks().forEach((name, steps) -> add("blocks/" + name, steps));
  }

  private void add(String name, List<Step> steps) {
    names.putIfAbsent(steps, name);
    lists.putIfAbsent(name, steps);
    for (int i = 0; i < steps.size(); i++) {
      String at = name + "/" + i;
      Step step = steps.get(i);
      if (step instanceof Step.If f) {
        add(at + "/then", f.then());
        add(at + "/else", f.otherwise());
      } else if (step instanceof Step.Choose c) {
        for (int r = 0; r < c.rules().size(); r++) {
          add(at + "/rules/" + r, c.rules().get(r).steps());
        }
        add(at + "/otherwise", c.otherwise());
      } else if (step instanceof Step.Wait w) {
        waits.putIfAbsent(w, name + "#" + i);
        w.on().forEach((type, handler) -> add(at + "/on/" + type, handler));
      }
    }
  }

  /** The name of a list of this scenario, or null when it is not one of its lists. */
  String name(List<Step> steps) {
    return names.get(steps);
  }

  List<Step> list(String name) {
    return lists.get(name);
  }

  /** The wait step at {@code name} ("list name#index"), or null. */
  Step.Wait waitAt(String name) {
    int hash = name.lastIndexOf('#');
    List<Step> steps = hash < 0 ? null : lists.get(name.substring(0, hash));
    int i = hash < 0 ? -1 : Integer.parseInt(name.substring(hash + 1));
    return steps != null && i >= 0 && i < steps.size() && steps.get(i) instanceof Step.Wait w ? w : null;
  }

  /** The name of a wait step of this scenario ("list name#index"), or null. */
  String waitName(Step.Wait w) {
    return waits.get(w);
  }
}
