package org.csssim.internal.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/** What the README's tour says of the reference pack is what the pack does. */
class ReadmeTest {
  private static final String README = read();

  private static String read() {
    try {
      return Files.readString(Path.of("../README.md"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theTourSwitchesAMeterPointThatIsSeededAndLetGo() throws Exception {
    Matcher m = Pattern.compile("message SwitchRequest --set mpxn=(\\d+)").matcher(README);
    assertTrue(m.find(), "step 3 names an MPxN");
    try (Harness h = Harness.start()) {
      var point = h.sim.registrations().meterPoint(m.group(1)).orElseThrow(() -> new AssertionError(m.group(1) + " is seeded"));
      assertTrue(!"SUPA".equals(point.attributes().get("supplierMpid")) && point.attributes().get("supplierMpid") != null,
          "registered to another supplier: " + point);
      assertEquals("none", point.attributes().get("objection"), "its losing supplier lets it go");
    }
  }

  @Test
  void theObjectionWindowIsAsTheTourSaysAndItsCloseIsShownAsTheInstancesWait() throws Exception {
    Matcher days = Pattern.compile("objection window \\((\\d+) working days? from the\\s+Pending notification, closing at "
        + "(\\d\\d:\\d\\d) UK time").matcher(README);
    assertTrue(days.find(), "step 5 says how long the window is");
    try (Harness h = Harness.start()) {
      assertEquals(Integer.parseInt(days.group(1)),
          ((Number) h.sim.engine().pack().values().get("objectionWindowWorkingDays")).intValue());
      assertEquals(days.group(2), h.sim.engine().pack().values().get("objectionWindowCloses"));

      Matcher query = Pattern.compile("`GET /admin/v1(/instances\\?scenario=[\\w-]+)`").matcher(README);
      assertTrue(query.find(), "step 5 says where to see when the window closes");
      h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
      ObjectNode sw = Harness.switchRequest("SUPA");
      ((ObjectNode) sw.get("data")).put("mpxn", "1121000079191");
      String corr = h.postSigned("/css/v1/switch-requests", sw).json().getString("correlationId");
      h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT0S\"}");
      JsonObject instance = h.admin(HttpMethod.GET, query.group(1), null).json().getJsonArray("instances").stream()
          .map(o -> (JsonObject) o).filter(i -> corr.equals(i.getString("correlationId"))).findFirst().orElseThrow();
      assertNotNull(instance.getString("waitingUntil"));
      assertEquals(Instant.parse("2026-12-02T17:00:00Z"), Instant.parse(instance.getString("waitingUntil")),
          "the first working day after Tuesday 1 December, at 17:00 UK time (GMT in December)");
    }
  }
}
