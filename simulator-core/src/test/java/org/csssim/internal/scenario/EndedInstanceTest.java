package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An ended instance, kept compact, shows the operator what the whole instance showed. */
class EndedInstanceTest {
  @Test
  void itsVariablesReadBackAsTheAdminApiShowsThem() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("mpxn", "1121000079191");
    vars.put("objected", false);
    vars.put("attempts", 3);
    vars.put("parties", List.of("SUPA", "SUPB"));
    vars.put("window", Map.of("closes", "17:00"));
    vars.put("reason", null);
    Instant started = Instant.parse("2026-12-03T10:00:00.123456Z");
    EndedInstance e = new EndedInstance("id-1", "switch", "corr-1", "CSS", "ended", "Switched", null, "corr-1", started,
        started.plusSeconds(5), EndedInstance.encode(vars));

    ScenarioEngine.View v = e.view();
    assertEquals(new JsonObject(Json.encode(vars)), new JsonObject(Json.encode(v.vars())));
    assertEquals(List.of("mpxn", "objected", "attempts", "parties", "window", "reason"), List.copyOf(v.vars().keySet()),
        "in the order they were set");
    assertEquals(started, v.started());
    assertEquals("Switched", v.outcome());
    assertNull(v.waitingUntil());
  }

  @Test
  void aValueJsonCannotShowIsSaidSoRatherThanFailingTheTurn() {
    Map<String, Object> vars = Map.of("handle", new Object());
    Map<String, Object> shown = new JsonObject(Buffer.buffer(EndedInstance.encode(vars))).getMap();
    assertTrue(shown.get("unshowable") instanceof String, shown.toString());
  }
}
