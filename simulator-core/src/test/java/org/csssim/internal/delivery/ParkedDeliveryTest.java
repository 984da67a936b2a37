package org.csssim.internal.delivery;

import static org.csssim.testing.Harness.await;
import static org.csssim.testing.Harness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.testing.Harness;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * On the embedded store, what SUPA (physical, with neither a webhook nor a URL) cannot be sent
 * yet waits in the store rather than in heap, across a restart, and all of it arrives, in order,
 * once SUPA has a webhook: more than a page of it, so it is read back in pages. Dead letters
 * too are listed from the store, across a restart, and one is resent. Real signed requests over
 * HTTPS, real webhooks to a receiver on loopback that checks every signature.
 */
class ParkedDeliveryTest {
  @Test
  void messagesForAPartyWithNowhereToReceiveThemWaitInTheStoreAcrossARestartAndAllArriveInOrder() throws Exception {
    Path dir = Files.createTempDirectory("csssim-parked");
    List<String> waiting;
    try (Harness h = Harness.start(dir, c -> c)) {
      String mpxn = h.sim.registrations().meterPoints().stream()
          .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "E".equals(m.attributes().get("fuelType")))
          .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
      ExecutorService senders = Executors.newFixedThreadPool(4);   // the harness's four connections
      try {
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i <= WebhookDelivery.PAGE; i++) {
          sent.add(senders.submit(() -> {
            ObjectNode m = Harness.switchRequest("SUPA");
            ((ObjectNode) m.get("data")).put("mpxn", mpxn);
            return h.postSigned("/css/v1/switch-requests", m).status();
          }));
        }
        for (Future<Integer> f : sent) {
          assertEquals(202, f.get());
        }
      } finally {
        senders.shutdown();
      }
      h.inboxDrained("every request handled");
      waiting = eventIds(h);
      assertTrue(waiting.size() > WebhookDelivery.PAGE, "more than a page: " + waiting.size());
      assertEquals(waiting.size(), backlog(h), "GET /parties counts what waits in the store");
      JsonObject first = h.admin(HttpMethod.GET, "/outbox/SUPA?limit=3", null).json();
      assertEquals(waiting.size(), first.getInteger("pending"), "how many wait in all");
      assertEquals(waiting.subList(0, 3), first.getJsonArray("messages").stream()
          .map(o -> ((JsonObject) o).getString("eventId")).toList(), "and the first three");
      Harness.Response bad = h.admin(HttpMethod.GET, "/outbox/SUPA?limit=many", null);
      assertEquals(400, bad.status(), bad.body());
      assertTrue(bad.body().contains("ADMIN_BAD_REQUEST"), bad.body());
      assertEquals(0, await(h.sim.delivery().queued("SUPA")), "none of it in heap");
    }
    try (Harness h = Harness.start(dir, c -> c); WebhookReceiver supa = new WebhookReceiver(h)) {
      assertEquals(waiting, eventIds(h), "after the restart it still waits, in the same order");
      assertEquals(0, await(h.sim.delivery().queued("SUPA")), "and still not in heap");
      subscribe(h, supa);
      eventually(() -> supa.received.size() >= waiting.size(), "every message delivered");
      assertEquals(waiting, supa.received.stream().map(j -> j.getString("eventId")).toList(),
          "one MPxN: in the order they were sent, each once");
      assertTrue(supa.badSignatures.isEmpty(), supa.badSignatures.toString());
      eventually(() -> eventIds(h).isEmpty(), "nothing left owed");
      assertEquals(0, backlog(h));
    }
  }

  @Test
  void deadLettersAreListedFromTheStoreAcrossARestartAndCanBeResent() throws Exception {
    Path dir = Files.createTempDirectory("csssim-dead");
    UnaryOperator<SimulatorConfig> once = c -> c.withDelivery(new DeliveryOptions(1, Duration.ofMillis(50),
        Duration.ofMillis(50), 4, false));
    List<String> dead;
    try (Harness h = Harness.start(dir, once); WebhookReceiver down = new WebhookReceiver(h)) {
      down.failNext.set(1_000_000);
      String webhook = subscribe(h, down);
      for (int i = 0; i < 3; i++) {
        assertEquals(202, h.postSigned("/css/v1/switch-requests", Harness.switchRequest("SUPA")).status());
      }
      h.inboxDrained("every request handled");
      eventually(() -> eventIds(h).isEmpty() && !deadLetters(h).isEmpty(), "every attempt failed");
      dead = deadLetters(h);
      assertEquals(dead.size(), party(h).getInteger("deadLetters"));
      assertEquals(204, h.admin(HttpMethod.DELETE, "/webhooks/" + webhook, null).status());
    }
    try (Harness h = Harness.start(dir, once); WebhookReceiver supa = new WebhookReceiver(h)) {
      assertEquals(dead, deadLetters(h), "after the restart, the same, in the order they were sent");
      assertEquals(dead.size(), party(h).getInteger("deadLetters"));
      subscribe(h, supa);
      assertEquals(202, h.admin(HttpMethod.POST, "/messages/" + dead.get(0) + "/resend", null).status());
      eventually(() -> supa.received.size() == 1, "the resent message");
      assertEquals(dead.get(0), supa.received.get(0).getString("eventId"));
      assertTrue(supa.badSignatures.isEmpty(), supa.badSignatures.toString());
      assertEquals(dead.subList(1, dead.size()), deadLetters(h), "the others are still dead letters");
      assertEquals(dead.size() - 1, party(h).getInteger("deadLetters"));
    }
  }

  private static String subscribe(Harness h, WebhookReceiver receiver) throws Exception {
    Harness.Response r = h.admin(HttpMethod.POST, "/webhooks",
        "{\"mpid\":\"SUPA\",\"url\":\"" + receiver.url() + "\",\"reason\":\"test\"}");
    assertEquals(201, r.status(), r.body());
    return r.json().getString("id");
  }

  private static List<String> deadLetters(Harness h) {
    try {
      return new JsonArray(h.admin(HttpMethod.GET, "/dead-letters?mpid=SUPA", null).body()).stream()
          .map(o -> ((JsonObject) o).getString("eventId")).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonObject party(Harness h) throws Exception {
    return new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body()).stream().map(o -> (JsonObject) o)
        .filter(p -> p.getString("mpid").equals("SUPA")).findFirst().orElseThrow();
  }

  private static List<String> eventIds(Harness h) {
    try {
      JsonObject outbox = h.admin(HttpMethod.GET, "/outbox/SUPA", null).json();
      return outbox.getJsonArray("messages").stream().map(o -> ((JsonObject) o).getString("eventId")).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int backlog(Harness h) throws Exception {
    return party(h).getInteger("backlog");
  }
}
