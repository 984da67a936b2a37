package org.csssim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.csssim.config.Location;
import org.csssim.load.MessageTemplate;
import org.csssim.testing.Harness;
import org.csssim.wire.AcceptedMessage;
import org.junit.jupiter.api.Test;

/**
 * The engine remembers ended instances for the operator only up to a bound, whatever is still
 * live: it once kept every instance that ended behind a live one, which leaked under load.
 */
class InstanceRetentionTest {
  @Test
  void endedInstancesAreForgottenBeyondTheBoundWhileLiveOnesStay() throws Exception {
    try (Harness h = Harness.start()) {
      var s = h.sim.services();
      var engine = s.engine();
      var type = s.catalogue().type("SwitchRequest").orElseThrow();
      // SUPC gains from SUPB, whose script lets each switch go and ends at once; CSS's waits
      int count = ScenarioEngine.RECENT + 500;
      List<String> mpxns = new ArrayList<>(s.allocator().allocate("SUPC", "E", count, "SUPB", false, true, null).mpxns());
      MessageTemplate template = new MessageTemplate(new Location("classpath:samples/messages/SwitchRequest.json").read(),
          Clock.systemUTC());
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < count; i += 500) {
        List<Future<?>> batch = new ArrayList<>();
        for (int j = i; j < Math.min(count, i + 500); j++) {
          var m = json.readTree(template.render(j, Map.of("mpxn", mpxns.get(j), "sender", "SUPC")).json());
          batch.add(engine.accepted(new AcceptedMessage(type, null, m, "SUPC", "Supplier", type.ackIds(m), Instant.now(), 0, null)));
        }
        Harness.await(Future.all(batch));
        Harness.await(s.timers().settle());
      }
      // every CSS switch waits in its objection window (and the few seeded losers that object wait too)
      int live = engine.liveNow();
      assertTrue(live >= count && live < count + 100, "live: " + live);
      int endedSoFar = 2 * count - live;  // each switch started a CSS instance and a losing-supplier one
      assertTrue(endedSoFar > ScenarioEngine.RECENT, "more ended than the bound: " + endedSoFar);
      int remembered = Harness.await(engine.remembered());
      assertEquals(live + ScenarioEngine.RECENT, remembered, "the live ones and the last " + ScenarioEngine.RECENT + " ended");
      var views = Harness.await(engine.instances(live + 2 * ScenarioEngine.RECENT, true));
      assertEquals(live + ScenarioEngine.RECENT, views.size());
      assertTrue(views.stream().skip(live).allMatch(v -> v.status().equals("ended")));
    }
  }
}
