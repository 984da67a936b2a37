package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.csssim.internal.message.Message;
import org.csssim.internal.message.MessageTemplate;
import org.csssim.internal.registration.TestDataAllocator;
import org.csssim.internal.routing.Routed;
import org.csssim.internal.unit.Unit;
import org.csssim.internal.yaml.Location;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * What the engine holds under a burst of switches stays bounded: ended instances are
 * remembered for the operator only up to a bound, whatever is still live (it once kept every
 * instance that ended behind a live one); and hand-overs between simulated parties cannot
 * pile up without limit, because acknowledgements wait for them past a high-water mark.
 */
class EngineUnderLoadTest {
  @Test
  void endedInstancesAreForgottenBeyondTheBoundWhileLiveOnesStay() throws Exception {
    try (Harness h = Harness.start()) {
      var s = h.sim;
      var engine = s.engine();
      // SUPC gains from SUPB, whose script lets each switch go and ends at once; CSS's waits
      int count = ScenarioEngine.RECENT + 500;
      List<String> mpxns = new ArrayList<>(Harness.await(h.sim.allocator().allocate(TestDataAllocator.Request.registered("SUPC", "E", count, "SUPB"))).mpxns());
      MessageTemplate template = new MessageTemplate(new Location("classpath:samples/messages/SwitchRequest.json").read(),
          Clock.systemUTC());
      for (int i = 0; i < count; i += 500) {
        List<Future<?>> batch = new ArrayList<>();
        for (int j = i; j < Math.min(count, i + 500); j++) {
          batch.add(accept(s, template.render(j, Map.of("mpxn", mpxns.get(j), "sender", "SUPC")).json()));
        }
        Harness.await(Future.all(batch));
        Harness.await(s.timers().settle());
      }
      // every CSS switch waits in its objection window (and the few seeded losers that object wait too)
      // read on the owner: instances are leaving the heap for the store meanwhile
      ScenarioEngine.Held now = Harness.await(engine.held());
      int live = now.live() + now.dormant();
      assertTrue(live >= count && live < count + 100, "live: " + live);
      int endedSoFar = 2 * count - live;  // each switch started a CSS instance and a losing-supplier one
      assertTrue(endedSoFar > ScenarioEngine.RECENT, "more ended than the bound: " + endedSoFar);
      // CSS's waits end beyond the horizon: those instances leave the heap for the store once committed
      Harness.eventually(() -> engine.dormantNow() >= count, "every CSS switch dormant");
      ScenarioEngine.Held held = Harness.await(engine.held());   // one moment: others may still be leaving
      assertEquals(held.live() + ScenarioEngine.RECENT, held.remembered(),
          "the live ones in heap and the last " + ScenarioEngine.RECENT + " ended");
      var views = Harness.await(engine.instances(live + 2 * ScenarioEngine.RECENT, true));
      assertEquals(live + ScenarioEngine.RECENT, views.size());
      assertTrue(views.stream().skip(live).allMatch(v -> v.status().equals("ended")));
    }
  }

  @Test
  void handOversCannotPileUpPastTheHighWaterMark() throws Exception {
    try (Harness h = Harness.start()) {
      var engine = h.sim.engine();
      int[] most = {0};
      // batches of 1,000 acknowledged switches, each setting off three hand-overs, never settled
      switches(h, 15_000, 1_000, false, () -> most[0] = Math.max(most[0], engine.handOversWaiting()));
      assertTrue(most[0] <= ScenarioEngine.HAND_OVER_HIGH_WATER + 3 * 1_000,
          "at most the high-water mark and one batch's hand-overs wait after a batch: " + most[0]);
      Harness.await(h.sim.timers().settle());
      assertEquals(0, engine.handOversWaiting());
      assertTrue(engine.liveNow() >= 15_000, "every switch still runs: " + engine.liveNow());
    }
  }

  /** A SwitchRequest handed to the engine as the router hands it one the intake accepted, its unit committed. */
  static Future<?> accept(org.csssim.internal.runtime.Simulator s, String json) {
    Message m = Message.of(json);
    var type = s.catalogue().type("SwitchRequest").orElseThrow();
    Unit unit = s.units().begin();
    Future<?> answered = s.engine().take(new Routed(type.eventType(), m, "SUPC", "CSS", type.keysOf(m.tree()),
        type.ackIds(m.tree()), true, Instant.now()), unit);
    unit.commit();
    return answered;
  }

  /** {@code count} switches from SUPC for meter points of SUPB, handed to the engine as the intake would, in batches. */
  private static void switches(Harness h, int count, int batchSize, boolean settle, Runnable afterBatch) throws Exception {
    var s = h.sim;
    // SUPB's script lets each switch go and ends at once; CSS's waits in the objection window
    List<String> mpxns = new ArrayList<>(Harness.await(s.allocator().allocate(TestDataAllocator.Request.registered("SUPC", "E", count, "SUPB"))).mpxns());
    MessageTemplate template = new MessageTemplate(new Location("classpath:samples/messages/SwitchRequest.json").read(),
        Clock.systemUTC());
    for (int i = 0; i < count; i += batchSize) {
      List<Future<?>> batch = new ArrayList<>();
      for (int j = i; j < Math.min(count, i + batchSize); j++) {
        batch.add(accept(s, template.render(j, Map.of("mpxn", mpxns.get(j), "sender", "SUPC")).json()));
      }
      Harness.await(Future.all(batch));
      afterBatch.run();
      if (settle) {
        Harness.await(s.timers().settle());
      }
    }
  }
}
