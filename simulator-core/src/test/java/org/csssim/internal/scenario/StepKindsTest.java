package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each step kind and the timer trigger, on a small pack of their own, over HTTPS. */
class StepKindsTest {
  static Harness h;

  @BeforeAll
  static void start() throws Exception {
    Path pack = Path.of("src/test/resources/step-pack/pack.yaml").toAbsolutePath();
    h = Harness.start(c -> c.withScenarios(new ScenarioOptions(pack.toString())));
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private Harness.Response switchWithRef(String ref) throws Exception {
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("supplierGeneratedReference", ref);
    return h.postSigned("/css/v1/switch-requests", m);
  }

  private List<ScenarioEngine.View> ended(String scenario) throws Exception {
    return Harness.await(h.sim.engine().instances(1000, true)).stream()
        .filter(v -> v.scenario().equals(scenario) && !v.status().equals("waiting")).toList();
  }

  @Test
  void aReplyReplacesTheAcknowledgement() throws Exception {
    Harness.Response r = switchWithRef("reply");
    assertEquals(200, r.status(), r.body());
    assertEquals(new JsonObject().put("custom", true).put("doubled", 4).put("label", "ref=reply"), r.json());
  }

  @Test
  void chooseFallsToOtherwise() throws Exception {
    assertEquals(202, switchWithRef("something-else").status());
    assertTrue(ended("steps").stream().anyMatch(v -> "Other".equals(v.outcome())));
  }

  @Test
  void aMessageItsSchemaRefusesFailsTheInstanceAndIsJournaled() throws Exception {
    assertEquals(202, switchWithRef("bad-send").status(), "the intake's ack is not the script's to spoil");
    ScenarioEngine.View failed = ended("steps").stream().filter(v -> "failed".equals(v.status())).findFirst().orElseThrow();
    assertTrue(failed.error().contains("steps.yaml at /steps/1/choose/1/steps/0/send"), failed.error());
    assertTrue(failed.error().contains("refused by its schema"), failed.error());
    List<JournalEntry> refused = Harness.await(h.sim.journal().query(
        new JournalQuery(null, null, null, null, "RegistrationValidationNotification", null, null, 100))).stream()
        .filter(e -> e.outcome() == JournalEntry.Outcome.FAILED).toList();
    assertEquals(1, refused.size());
    assertTrue(refused.get(0).errors().stream().anyMatch(e -> e.pointer().equals("/data/outcome")), refused.toString());
  }

  @Test
  void forwardPassesTheMessageOnAsTheHubNeverBackToItsSender() throws Exception {
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("supplierGeneratedReference", "forward");
    assertEquals(202, h.postSigned("/css/v1/switch-requests", m).status());
    String eventId = m.get("eventId").asText();
    Harness.eventually(() -> {
      try {
        return ended("steps").stream().anyMatch(v -> "Forwarded".equals(v.outcome()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "forwarded");
    List<JournalEntry> out = Harness.await(h.sim.journal().query(JournalQuery.byEventId(eventId))).stream()
        .filter(e -> e.direction() == JournalEntry.Direction.OUT).toList();
    assertEquals(1, out.size(), "to SUPB only: SUPA sent it " + out);
    assertEquals("CSS", out.get(0).senderMpid());
    assertEquals("SUPB", out.get(0).recipientMpid());
    JsonObject forwarded = new JsonObject(out.get(0).body());
    assertEquals("CSS", forwarded.getString("relayedBy"), "the envelope merged in");
    assertEquals("SUPA", forwarded.getString("senderMpid"), "the message is still SUPA's");
    assertEquals(m.get("data").get("mpxn").asText(), forwarded.getJsonObject("data").getString("mpxn"));
  }

  @Test
  void aWaitUntilATimeOfDayTakesMessagesMeanwhileThenJumps() throws Exception {
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
    assertEquals(202, switchWithRef("wait").status());
    ObjectNode w = Harness.switchRequest("SUPA").put("eventType", "WithdrawalRequest");
    w.putObject("data").put("registrationId", "r").put("supplierGeneratedReference", "wait");
    assertEquals(202, h.postSigned("/css/v1/withdrawals", w).status());
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-02T16:59:00Z\"}");
    assertTrue(ended("steps").stream().noneMatch(v -> v.outcome() != null && v.outcome().startsWith("Waited")),
        "17:00 UK on 2 December has not come");
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-02T17:01:00Z\"}");
    assertTrue(ended("steps").stream().anyMatch(v -> "Waited after an interruption".equals(v.outcome())));
    Map<String, Object> mp = h.sim.registrations().meterPoint("1221000000007").orElseThrow().attributes();
    assertTrue(((String) mp.get("waited")).startsWith("2026-12-02T17:00:00"),
        "the wait ended at 17:00 UK (GMT in December): " + mp.get("waited"));
    assertEquals(true, mp.get("interrupted"));
    assertEquals("wait", mp.get("triggeredBy"), "after the wait, trigger is still the message that started it");
  }

  @Test
  void aTimerTriggerStartsAnInstanceEveryPeriodAndIsNeverMoreThanAPeriodAwayWhenTheClockIsSetBack() throws Exception {
    // Ticks fall at fixed instants of simulated time, an hour apart from when the pack was
    // loaded. Set back a week, the clock would leave a week to the next one; the ticker finds
    // its next tick from the new time instead, within the hour.
    Instant now = Instant.parse(h.admin(HttpMethod.GET, "/clock", null).json().getString("now"));
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"" + now.minus(Duration.ofDays(7)) + "\"}");
    long ticked = ticks();
    h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT1H\"}");
    assertEquals(ticked + 1, ticks(), "the hourly ticker ticked within the hour after the clock went back a week");
    h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT3H\"}");
    assertEquals(ticked + 4, ticks(), "a window of exactly three hours after a tick holds exactly three hourly ticks");
  }

  /** The ticker's count so far: its meter point exists once it has ticked. */
  private static long ticks() {
    Object n = h.sim.registrations().meterPoint("1221000000007").map(m -> m.attributes().get("ticks")).orElse(null);
    return n == null ? 0 : ((Number) n).longValue();
  }

}
