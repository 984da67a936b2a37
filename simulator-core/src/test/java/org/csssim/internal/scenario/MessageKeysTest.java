package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.csssim.internal.scenario.expr.EvalContext;
import org.csssim.internal.scenario.expr.Expression;
import org.junit.jupiter.api.Test;

/** A message's keys are evaluated once each: the dormant lookup before its turn and the turn itself see one value. */
class MessageKeysTest {
  @Test
  void aKeyIsEvaluatedOnceAndAFailureIsEvaluatedAgainWhereItIsReported() {
    AtomicInteger calls = new AtomicInteger();
    EvalContext outside = new EvalContext() {
      @Override
      public Object root(String name) {
        return null;
      }

      @Override
      public Object call(String function, List<Object> args) {
        int n = calls.incrementAndGet();
        if (function.equals("flaky") && n == 1) {
          throw new IllegalStateException("not yet");
        }
        return function + "-" + n;
      }
    };
    MessageKeys keys = new MessageKeys("SwitchRequest", null, outside);
    Expression fresh = Expression.parse("fresh()");
    assertEquals("fresh-1", keys.of(fresh));
    assertEquals("fresh-1", keys.of(fresh), "the same value, not a second evaluation");
    assertEquals(1, calls.get());

    Expression flaky = Expression.parse("flaky()");
    MessageKeys other = new MessageKeys("SwitchRequest", null, outside);
    calls.set(0);
    assertThrows(IllegalStateException.class, () -> other.of(flaky));
    assertEquals("flaky-2", other.of(flaky), "a failure is not kept: the next reader evaluates it and may report it");
    assertEquals("flaky-2", other.of(flaky));
  }
}
