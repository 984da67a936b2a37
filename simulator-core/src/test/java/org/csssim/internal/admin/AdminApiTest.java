package org.csssim.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

class AdminApiTest {
  @Test
  void everyAdminRouteNeedsTheToken() throws Exception {
    try (Harness h = Harness.start()) {
      Harness.Response none = h.send(HttpMethod.GET, "/admin/v1/clock", Map.of(), null);
      assertEquals(401, none.status());
      assertEquals("ADMIN_TOKEN_MISSING", none.firstErrorCode());
      assertEquals("Bearer", none.headers().get("www-authenticate"));

      Harness.Response wrong = h.send(HttpMethod.GET, "/admin/v1/clock", Map.of("Authorization", "Bearer nope"), null);
      assertEquals(401, wrong.status());
      assertEquals("ADMIN_TOKEN_INVALID", wrong.firstErrorCode());

      assertEquals(200, h.admin(HttpMethod.GET, "/clock", null).status());
    }
  }

  @Test
  void theGeneratedTokenIsStoredOnceAndReused() throws Exception {
    Path dir = Files.createTempDirectory("css-admin");
    String first;
    try (Harness h = Harness.start(dir, c -> c)) {
      assertTrue(h.sim.adminToken().generated());
      first = h.sim.adminToken().value();
      assertEquals(first, Files.readString(dir.resolve("admin-token")).trim());
    }
    try (Harness h = Harness.start(dir, c -> c)) {
      assertEquals(first, h.sim.adminToken().value());
      assertEquals(false, h.sim.adminToken().generated(), "printed only on the first start");
    }
    try (Harness h = Harness.start(dir, c -> c.withAdmin(new AdminOptions("configured-token-123456")))) {
      assertNotEquals(first, h.sim.adminToken().value());
      assertEquals(200, h.send(HttpMethod.GET, "/admin/v1/clock",
          Map.of("Authorization", "Bearer configured-token-123456"), null).status());
    }
  }

  @Test
  void theClockIsReadAdvancedSetAndSpedUp() throws Exception {
    try (Harness h = Harness.start()) {
      var now = h.admin(HttpMethod.GET, "/clock", null).json();
      assertEquals("real", now.getString("mode"));
      assertEquals(1.0, now.getDouble("speed"));

      Instant before = Instant.parse(now.getString("now"));
      var advanced = h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P14D\"}").json();
      assertEquals("offset", advanced.getString("mode"));
      Duration moved = Duration.between(before, Instant.parse(advanced.getString("now")));
      assertTrue(moved.compareTo(Duration.ofDays(14)) >= 0 && moved.compareTo(Duration.ofDays(14).plusMinutes(1)) < 0, moved.toString());

      var set = h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}").json();
      assertTrue(set.getString("now").startsWith("2026-12-01T09:00:0"), set.encode());

      var fast = h.admin(HttpMethod.POST, "/clock", "{\"speed\":60}").json();
      assertEquals("scaled", fast.getString("mode"));
      assertEquals(60.0, fast.getDouble("speed"));

      var reset = h.admin(HttpMethod.POST, "/clock", "{\"reset\":true}").json();
      assertEquals("real", reset.getString("mode"));
    }
  }

  @Test
  void theIntakeAndJournalReadTheSimulatorsClock() throws Exception {
    try (Harness h = Harness.start()) {
      h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2030-01-15T10:00:00Z\"}");
      var m = Harness.switchRequest("SUPA");
      assertEquals(202, h.postSigned("/css/v1/switch-requests", m).status());
      Instant at = h.journal(m.get("eventId").asText()).get(0).at();
      assertTrue(at.isAfter(Instant.parse("2030-01-15T09:59:59Z")) && at.isBefore(Instant.parse("2030-01-15T10:01:00Z")),
          at.toString());
    }
  }

  @Test
  void badClockRequestsAreNamed() throws Exception {
    try (Harness h = Harness.start()) {
      Harness.Response twoActions = h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"P1D\",\"speed\":2}");
      assertEquals(400, twoActions.status());
      assertEquals("ADMIN_BAD_REQUEST", twoActions.firstErrorCode());

      Harness.Response badDuration = h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"two days\"}");
      assertEquals(400, badDuration.status());
      assertEquals("/advance", badDuration.firstPointer());

      Harness.Response backwards = h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"-P1D\"}");
      assertEquals(400, backwards.status());
      assertTrue(backwards.body().contains("only moves forward"), backwards.body());

      Harness.Response notJson = h.admin(HttpMethod.POST, "/clock", "speed=2");
      assertEquals(400, notJson.status());

      assertEquals("real", h.admin(HttpMethod.GET, "/clock", null).json().getString("mode"), "nothing changed");
    }
  }
}
