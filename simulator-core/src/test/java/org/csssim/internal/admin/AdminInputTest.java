package org.csssim.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.csssim.internal.delivery.DeliveryOptions;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.csssim.testing.RawHttps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad admin requests: each refused with its code, in the admin API's shape, changing nothing. */
class AdminInputTest {
  static Harness h;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.start(c -> c.withDelivery(new DeliveryOptions(null, null, null, null, true)));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private static JsonObject party(String mpid) throws Exception {
    JsonArray all = new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body());
    return all.stream().map(JsonObject.class::cast).filter(p -> p.getString("mpid").equals(mpid)).findFirst().orElseThrow();
  }

  @Test
  void aConnectionUrlIsCheckedAsAWebhookUrlIs() throws Exception {
    JsonObject before = party("SUPB");
    List<String> bad = List.of("gopher://supb.test/", "file:///etc/passwd", "not a url at all", "https://user:pw@supb.test/",
        "https://supb.test:70000/", "https://supb.test:0/", "http://supb.test/", "https:///no-host");
    for (String url : bad) {
      Harness.Response r = h.admin(HttpMethod.PUT, "/parties/SUPB/connection",
          new JsonObject().put("mode", "physical").put("url", url).encode());
      assertEquals(400, r.status(), url + ": " + r.body());
      assertEquals("ADMIN_BAD_REQUEST", r.firstErrorCode());
      assertEquals("/url", r.firstPointer());
      Harness.Response webhook = h.admin(HttpMethod.POST, "/webhooks", new JsonObject().put("mpid", "SUPB").put("url", url)
          .encode());
      assertEquals(400, webhook.status(), url + ": " + webhook.body());
    }
    assertTrue(h.admin(HttpMethod.PUT, "/parties/SUPB/connection", "{\"mode\":\"physical\",\"url\":\"http://supb.test/\"}")
        .firstErrorMessage().contains("refuses plain http"));
    assertEquals(before.getString("mode"), party("SUPB").getString("mode"), "nothing changed");
    assertEquals(before.getString("since"), party("SUPB").getString("since"));
  }

  @Test
  void aBodyOverTheAdminLimitIsAnsweredInTheAdminShapeNotJournaledAndTheConnectionClosed() throws Exception {
    long journaled = Harness.await(h.sim.journal().query(JournalQuery.all(100_000))).size();
    byte[] body = new byte[70 * 1024];
    java.util.Arrays.fill(body, (byte) ' ');
    try (RawHttps raw = RawHttps.open(h)) {
      raw.send("POST /admin/v1/runs HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + h.sim.adminToken().value()
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (body.length + 1000) + "\r\n\r\n");
      raw.send(body);
      RawHttps.Answer answer = raw.answer();
      assertEquals(413, answer.status(), answer.text());
      JsonObject error = new JsonObject(answer.body()).getJsonArray("errors").getJsonObject(0);
      assertEquals("ADMIN_BODY_TOO_LARGE", error.getString("code"));
      assertTrue(error.getString("message").contains("65536"), error.encode());
      assertTrue(raw.closedWithin(5_000), "the connection is closed, so the rest of the body is not read");
    }
    assertEquals(journaled, Harness.await(h.sim.journal().query(JournalQuery.all(100_000))).size(),
        "an admin request is not a message: nothing journaled");
  }

  @Test
  void aFuelTypeNoMeterPointHasIsABadRequestNotExhaustedData() throws Exception {
    Harness.Response r = h.admin(HttpMethod.POST, "/test-data/allocations", "{\"for\":\"SUPA\",\"fuelType\":\"Z\",\"count\":1}");
    assertEquals(400, r.status(), r.body());
    assertEquals("/fuelType", r.firstPointer());
    assertTrue(r.firstErrorMessage().contains("[E, G]"), r.body());
    assertEquals(0, new JsonArray(h.admin(HttpMethod.GET, "/test-data/allocations", null).body()).size());
  }

  @Test
  void aRouteWhoseStoreFailsAnswers500InsteadOfHanging() throws Exception {
    try (Harness broken = Harness.start()) {
      Harness.await(broken.sim.store().close());   // every query now fails: the pool is closed
      for (String path : List.of("/messages", "/messages/some-event", "/reconciliation?correlationId=x")) {
        Harness.Response r = broken.admin(HttpMethod.GET, path, null);
        assertEquals(500, r.status(), path + ": " + r.body());
        assertEquals("INTERNAL_ERROR", r.firstErrorCode(), path);
      }
    }
  }
}
