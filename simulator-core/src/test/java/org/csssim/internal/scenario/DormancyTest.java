package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * Switches waiting for their supply start dates leave the heap for the embedded store, and come
 * back when a message for them comes, when their waits near their ends (a jump of the clock
 * included, in the order the waits end), after a restart, and when their party is swapped to
 * physical, and after the clock is set back. Real signed requests over HTTPS; the flows are read
 * from SUPA's outbox and the journal, as a user would.
 */
class DormancyTest {
  private static final String CSS_SWITCH = "css-switch";

  @Test
  void aDormantSwitchTakesItsMessagesAndIsShownToTheOperator() throws Exception {
    try (Harness h = Harness.start(Harness.physical("GRDA", "ERDA"))) {
      Flows f = new Flows(h);
      ScenarioEngine engine = h.sim.engine();
      String mpxn = f.mpxn("E", "SUPB", "none", m -> true);
      JsonObject ack = f.switchRequest(mpxn, "E", "2026-12-14");
      String corr = ack.getString("correlationId");
      String id = dormantSwitch(h, corr);
      int live = engine.liveNow();
      assertTrue(engine.dormantNow() >= 1 && live >= engine.dormantNow(), "a dormant instance is still live");

      JsonObject run = h.admin(HttpMethod.GET, "/runs/" + id, null).json();
      assertEquals("waiting", run.getString("status"), run.encode());
      assertEquals(CSS_SWITCH, run.getString("scenario"));
      assertEquals(ack.getString("registrationId"), run.getString("key"));

      Harness.Response w = f.post("/css/v1/withdrawals", "WithdrawalRequest", "SUPA", corr,
          Map.of("registrationId", ack.getString("registrationId")));
      assertEquals(202, w.status(), w.body());
      assertEquals("Withdrawn", f.last("SUPA", corr, "RegistrationCancelledNotification").getJsonObject("data")
          .getString("reasonCode"), "the withdrawal reached the dormant switch");
      JsonObject ended = h.admin(HttpMethod.GET, "/runs/" + id, null).json();
      assertEquals("ended", ended.getString("status"), ended.encode());
      assertEquals("Withdrawn", ended.getString("outcome"));
      assertEquals(live - 1, engine.liveNow());
    }
  }

  @Test
  void aJumpOfTheClockWakesDormantSwitchesInTheOrderTheirWaitsEnd() throws Exception {
    try (Harness h = Harness.start(Harness.physical("GRDA", "ERDA"))) {
      Flows f = new Flows(h);
      // the later supply start date is asked for first
      String late = f.switchRequest(f.mpxn("E", "SUPB", "none", m -> true), "E", "2026-12-21").getString("correlationId");
      String early = f.switchRequest(f.mpxn("E", "SUPB", "none", m -> true), "E", "2026-12-14").getString("correlationId");
      dormantSwitch(h, late);
      dormantSwitch(h, early);

      f.setClock("2026-12-22T01:00:00Z");
      List<String> confirmed = f.outbox("SUPA").stream()
          .filter(m -> "RegistrationConfirmedNotification".equals(m.getString("eventType")))
          .map(m -> m.getString("correlationId")).toList();
      assertEquals(List.of(early, late), confirmed, "each switch went through, the earlier date first");
      assertEquals("SUPA", h.sim.registrations().meterPoint(
          f.last("SUPA", late, "RegistrationConfirmedNotification").getJsonObject("data").getString("mpxn"))
          .orElseThrow().attributes().get("supplierMpid"));
    }
  }

  @Test
  void switchesLeaveTheHeapAgainOnceTheClockIsSetBackBehindWhatTheWakerRead() throws Exception {
    try (Harness h = Harness.start(Harness.physical("GRDA", "ERDA"))) {
      Flows f = new Flows(h);
      String first = f.switchRequest(f.mpxn("E", "SUPB", "none", m -> true), "E", "2026-12-14").getString("correlationId");
      dormantSwitch(h, first);
      // on the way the waker reads it back, so what it has read reaches past START, where the clock goes back to
      f.setClock("2027-01-11T00:00:00Z");
      assertTrue(f.outboxTypes("SUPA", first).contains("RegistrationConfirmedNotification"), f.outboxTypes("SUPA", first).toString());
      f.setClock(Flows.START);
      String again = f.switchRequest(f.mpxn("E", "SUPB", "none", m -> true), "E", "2026-12-14").getString("correlationId");
      dormantSwitch(h, again);
      f.setClock("2026-12-14T00:30:00Z");
      assertTrue(f.outboxTypes("SUPA", again).contains("RegistrationConfirmedNotification"), f.outboxTypes("SUPA", again).toString());
    }
  }

  @Test
  void dormantSwitchesStayInTheStoreAcrossARestartAndGoOnWhenTheirTimeComes() throws Exception {
    Path dir = Files.createTempDirectory("csssim-dormant");
    String corr;
    String mpxn;
    try (Harness h = Harness.start(dir, Harness.physical("GRDA", "ERDA"))) {
      Flows f = new Flows(h);
      mpxn = f.mpxn("E", "SUPB", "none", m -> true);
      corr = f.switchRequest(mpxn, "E", "2026-12-14").getString("correlationId");
      dormantSwitch(h, corr);
    }
    try (Harness h = Harness.start(dir, Harness.physical("GRDA", "ERDA"))) {
      ScenarioEngine engine = h.sim.engine();
      assertTrue(engine.dormantNow() >= 1, "read back as dormant: " + engine.dormantNow());
      assertEquals(1, Harness.await(engine.instances(1000, false)).stream()
          .filter(v -> v.correlationId().equals(corr) && v.scenario().equals(CSS_SWITCH)).count(),
          "the operator still sees it, once");
      Flows f = new Flows(h);
      f.setClock("2026-12-14T00:30:00Z");
      assertTrue(f.outboxTypes("SUPA", corr).contains("RegistrationConfirmedNotification"), f.outboxTypes("SUPA", corr).toString());
      assertEquals("SUPA", f.supplierOf(mpxn));
    }
  }

  @Test
  void aPartySwappedToPhysicalEndsItsDormantInstances() throws Exception {
    try (Harness h = Harness.start(Harness.physical("GRDA", "ERDA"))) {
      Flows f = new Flows(h);
      String corr = f.switchRequest(f.mpxn("E", "SUPB", "none", m -> true), "E", "2026-12-14").getString("correlationId");
      String id = dormantSwitch(h, corr);
      Harness.Response r = h.admin(HttpMethod.PUT, "/parties/CSS/connection",
          "{\"mode\":\"physical\",\"url\":\"https://css.test\",\"reason\":\"the real CSS joins\"}");
      assertEquals(200, r.status(), r.body());
      Harness.eventually(() -> {
        try {
          return "SwappedToPhysical".equals(h.admin(HttpMethod.GET, "/runs/" + id, null).json().getString("outcome"));
        } catch (Exception e) {
          return false;
        }
      }, "the dormant switch ends");
      assertEquals(0, h.sim.engine().dormantNow());
    }
  }

  @Test
  void withNoHorizonEveryInstanceStaysInHeap() throws Exception {
    try (Harness h = Harness.start(c -> Harness.physical("GRDA", "ERDA").apply(
        c.withScenarios(new ScenarioOptions(null, Duration.ZERO))))) {
      Flows f = new Flows(h);
      String corr = f.switchRequest(f.mpxn("E", "SUPB", "none", m -> true), "E", "2026-12-14").getString("correlationId");
      Harness.await(h.sim.timers().settle());
      Thread.sleep(200);
      assertEquals(0, h.sim.engine().dormantNow());
      assertTrue(Harness.await(h.sim.engine().instances(1000, false)).stream().anyMatch(v -> v.correlationId().equals(corr)));
      f.advance("P3D");
      assertEquals("RegistrationSecuredActiveNotification", f.outboxTypes("SUPA", corr).get(2));
    }
  }

  /** The id of the CSS switch instance of flow {@code corr}, once it has left the heap. */
  private static String dormantSwitch(Harness h, String corr) throws Exception {
    ScenarioEngine engine = h.sim.engine();
    String[] id = new String[1];
    Harness.eventually(() -> {
      try {
        id[0] = Harness.await(engine.instances(1000, false)).stream()
            .filter(v -> v.correlationId().equals(corr) && v.scenario().equals(CSS_SWITCH)).findFirst()
            .map(ScenarioEngine.View::id).orElse(null);
        return id[0] != null && !Harness.await(engine.inHeap(id[0]));
      } catch (Exception e) {
        return false;
      }
    }, "the switch of " + corr + " leaves the heap");
    return id[0];
  }
}
