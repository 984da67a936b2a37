package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The recently ended, kept as bytes, show the operator what the instances showed, and are forgotten oldest first. */
class EndedLogTest {
  private static final Instant STARTED = Instant.parse("2026-12-03T10:00:00.123456Z");

  private static ScenarioEngine.View ended(String id, String key, Map<String, Object> vars) {
    return new ScenarioEngine.View(id, "switch", key, "CSS", "ended", "Switched", null, "corr-" + id, STARTED,
        STARTED.plusSeconds(5), null, vars);
  }

  private static ScenarioEngine.View ended(int n) {
    return ended("id-" + n, "key-" + n, Map.of("n", n));
  }

  @Test
  void aViewReadsBackAsTheAdminApiShowedIt() {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("mpxn", "1121000079191");
    vars.put("objected", false);
    vars.put("attempts", 3);
    vars.put("parties", List.of("SUPA", "SUPB"));
    vars.put("window", Map.of("closes", "17:00"));
    vars.put("reason", null);
    EndedLog log = new EndedLog();
    log.add(ended("id-1", "corr-1", vars));

    ScenarioEngine.View v = log.byId("id-1").orElseThrow();
    assertEquals(new JsonObject(Json.encode(vars)), new JsonObject(Json.encode(v.vars())));
    assertEquals(List.of("mpxn", "objected", "attempts", "parties", "window", "reason"), List.copyOf(v.vars().keySet()),
        "in the order they were set");
    assertEquals(ended("id-1", "corr-1", v.vars()), v, "every field as it was");
    assertNull(v.error());
    assertEquals(v, log.newestWithKey("corr-1").orElseThrow());
    assertTrue(log.knows("id-1"));
    assertFalse(log.knows("id-2"));
  }

  @Test
  void theNewestComeFirstAndTheOldestAreForgottenPastTheCount() {
    EndedLog log = new EndedLog(100, 1 << 16, 4);
    IntStream.range(0, 250).forEach(n -> log.add(ended(n)));
    assertEquals(100, log.size());
    assertEquals(List.of("id-249", "id-248", "id-247"), log.newest(3).stream().map(ScenarioEngine.View::id).toList());
    assertEquals("id-150", log.newest(1000).get(99).id(), "the last 100 are kept");
    assertFalse(log.knows("id-149"));
    assertEquals(150, log.byId("id-150").orElseThrow().vars().get("n"));
  }

  @Test
  void reusingAChunkForgetsTheRecordsInIt() {
    // records of about 260 bytes, four to a chunk of 1,100: 13 to 16 kept, though the count would allow 1,000
    EndedLog log = new EndedLog(1000, 1100, 4);
    IntStream.range(0, 500).forEach(n -> log.add(ended(n)));
    int kept = log.size();
    assertTrue(kept >= 12 && kept <= 20, kept + " kept");
    List<ScenarioEngine.View> newest = log.newest(kept);
    for (int i = 0; i < kept; i++) {
      assertEquals("id-" + (499 - i), newest.get(i).id(), "each kept record reads back whole, in order");
    }
    assertFalse(log.knows("id-" + (499 - kept)));
  }

  @Test
  void aValueJsonCannotShowIsSaidSoRatherThanFailingTheTurn() {
    EndedLog log = new EndedLog();
    log.add(ended("id-1", "k", Map.of("handle", new Object())));
    Map<String, Object> shown = log.byId("id-1").orElseThrow().vars();
    assertTrue(shown.get("unshowable") instanceof String, shown.toString());
  }

  @Test
  void variablesLargerThanAChunkAreSaidSoAndTheRestIsKept() {
    EndedLog log = new EndedLog(10, 1024, 2);
    log.add(ended(1));
    log.add(ended("id-2", "k", Map.of("big", "x".repeat(5000))));
    ScenarioEngine.View v = log.byId("id-2").orElseThrow();
    assertTrue(String.valueOf(v.vars().get("unshowable")).contains("more than the 1024"), v.vars().toString());
    assertEquals("Switched", v.outcome());
    assertTrue(log.knows("id-1"));
  }
}
