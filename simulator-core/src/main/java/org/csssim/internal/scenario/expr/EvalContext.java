package org.csssim.internal.scenario.expr;

import java.util.List;

/** What an expression may read: its roots (message, vars, ...) and its functions. Nothing else. */
public interface EvalContext {
  Object root(String name);

  Object call(String function, List<Object> args);
}
