package org.csssim.internal.scenario;

import java.util.IdentityHashMap;
import java.util.Map;
import org.csssim.internal.party.Party;
import org.csssim.internal.scenario.expr.EvalContext;
import org.csssim.internal.scenario.expr.Expression;

/**
 * The keys one message gives the key expressions of the scenarios of the party it is for, each
 * evaluated at most once: the engine looks for dormant instances by these keys before the
 * message's turn and {@code receive} then finds the instance by the same ones (JFR: evaluating
 * them twice was 1.8% of the CPU of whole flows on the embedded store). Only values are kept:
 * an expression that fails is evaluated again where its failure is reported.
 */
final class MessageKeys {
  private final String eventType;
  private final Party party;
  private final EvalContext outside;
  private final Map<Expression, Object> known = new IdentityHashMap<>(4);

  MessageKeys(String eventType, Party party, EvalContext outside) {
    this.eventType = eventType;
    this.party = party;
    this.outside = outside;
  }

  /** The type of the message. */
  String eventType() {
    return eventType;
  }

  /** The party these keys were evaluated as. */
  Party party() {
    return party;
  }

  /** The message as its scenarios' expressions read it from outside any instance. */
  EvalContext context() {
    return outside;
  }

  /** {@code key}'s value for this message. */
  Object of(Expression key) {
    Object k = known.get(key);
    if (k == null && !known.containsKey(key)) {
      k = key.eval(outside);
      known.put(key, k);
    }
    return k;
  }
}
