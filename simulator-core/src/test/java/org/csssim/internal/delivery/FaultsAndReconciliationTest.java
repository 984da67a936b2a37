package org.csssim.internal.delivery;

import static org.csssim.testing.Harness.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.testing.Harness;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected faults toward and from a party, and the reconciliation that spots what they did. */
class FaultsAndReconciliationTest {
  Harness h;
  WebhookReceiver supa;
  int nextMpxn;

  @BeforeEach
  void start() throws Exception {
    h = Harness.start(c -> c.withDelivery(new DeliveryOptions(2, Duration.ofMillis(50), Duration.ofMillis(100), 4, false)));
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
    supa = new WebhookReceiver(h);
    assertEquals(201, h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"" + supa.url() + "\"}").status());
  }

  @AfterEach
  void stop() throws Exception {
    supa.close();
    h.close();
  }

  private void faults(String json) throws Exception {
    Harness.Response r = h.admin(HttpMethod.PUT, "/parties/SUPA/faults", json);
    assertEquals(200, r.status(), r.body());
  }

  private Harness.Response switchRequest() throws Exception {
    List<String> mpxns = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "none".equals(m.attributes().get("objection"))
            && "E".equals(m.attributes().get("fuelType")) && !m.attributes().containsKey("syncException"))
        .map(m -> m.mpxn()).sorted().toList();
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", mpxns.get(nextMpxn++));
    return h.postSigned("/css/v1/switch-requests", m);
  }

  private boolean reconciles(String corr) {
    try {
      return reconcile(corr).getBoolean("ok");
    } catch (Exception e) {
      return false;
    }
  }

  private JsonObject reconcile(String corr) throws Exception {
    return h.admin(HttpMethod.GET, "/reconciliation?correlationId=" + corr, null).json();
  }

  @Test
  void aDroppedNotificationIsSpottedAsMissing() throws Exception {
    faults("{\"dropRate\":1}");
    String corr = switchRequest().json().getString("correlationId");
    Thread.sleep(300);
    assertTrue(supa.types(corr).isEmpty(), "nothing reaches SUPA");
    JsonObject r = reconcile(corr);
    assertEquals(false, r.getBoolean("ok"));
    assertEquals(2, r.getJsonObject("summary").getInteger("missing"), r.encode());
    String junit = h.admin(HttpMethod.GET, "/reconciliation?correlationId=" + corr + "&format=junit", null).body();
    assertTrue(junit.contains("failures=\"2\"") && junit.contains("missing: dropped by an injected fault"), junit);
  }

  @Test
  void aDuplicatedNotificationIsSpottedAsDuplicated() throws Exception {
    faults("{\"duplicateRate\":1}");
    String corr = switchRequest().json().getString("correlationId");
    eventually(() -> {
      try {
        return reconcile(corr).getJsonObject("summary").getInteger("duplicated") == 2;
      } catch (Exception e) {
        return false;
      }
    }, "each message acknowledged twice");
    assertEquals(4, supa.types(corr).size());
    assertEquals(supa.received.get(0).getString("eventId"), supa.received.get(1).getString("eventId"), "same eventId");
    JsonObject r = reconcile(corr);
    assertEquals(2, r.getJsonObject("summary").getInteger("duplicated"), r.encode());
    assertEquals(0, r.getJsonObject("summary").getInteger("missing"));
  }

  @Test
  void aCleanFlowReconciles() throws Exception {
    String corr = switchRequest().json().getString("correlationId");
    // the receiver has a message a moment before the simulator records its 200
    eventually(() -> reconciles(corr), "the flow reconciles");
    JsonObject r = reconcile(corr);
    assertEquals(1, r.getJsonArray("flows").size());
    List<String> statuses = new ArrayList<>();
    r.getJsonArray("flows").getJsonObject(0).getJsonArray("messages")
        .forEach(o -> statuses.add(((JsonObject) o).getString("direction") + " " + ((JsonObject) o).getString("status")));
    assertTrue(statuses.contains("in accepted") && statuses.contains("out acknowledged")
        && statuses.contains("out delivered to the party's scripts"), statuses.toString());
  }

  @Test
  void injectedErrorsAndTimeoutsOnThePartysRequestsChangeNothing() throws Exception {
    faults("{\"errorRate\":1}");
    Harness.Response error = switchRequest();
    assertEquals(503, error.status());
    assertEquals("INJECTED_FAULT", error.firstErrorCode());

    faults("{\"timeoutRate\":1}");
    assertThrows(Exception.class, () -> {
      var client = h.sim.vertx().createHttpClient(Harness.clientOptions(h.dataDir));
      try {
        ObjectNode m = Harness.switchRequest("SUPA");
        var signed = h.sim.signer().sign(h.party("SUPA"), m.toString().getBytes());
        var opts = new io.vertx.core.http.RequestOptions().setMethod(HttpMethod.POST).setTimeout(1500)
            .setAbsoluteURI(h.baseUrl() + "/css/v1/switch-requests").putHeader("Content-Type", signed.contentType());
        signed.headers().forEach(opts::putHeader);
        Harness.await(client.request(opts).compose(r -> r.send(io.vertx.core.buffer.Buffer.buffer(signed.body()))
            .compose(resp -> resp.body())));
      } finally {
        client.close();
      }
    }, "no answer comes");

    faults("{}");
    assertEquals(202, switchRequest().status(), "faults cleared");
    long accepted = Harness.await(h.sim.journal().query(org.csssim.internal.journal.JournalQuery.all(10_000))).stream()
        .filter(e -> e.outcome() == JournalEntry.Outcome.ACCEPTED && e.direction() == JournalEntry.Direction.IN).count();
    assertEquals(1, accepted, "the faulted requests were not accepted");
    assertTrue(Harness.await(h.sim.journal().query(org.csssim.internal.journal.JournalQuery.all(10_000))).stream()
        .anyMatch(e -> e.status() == 504 && e.errors().get(0).code().equals("INJECTED_TIMEOUT")));
  }

  @Test
  void delayedAndReorderedDeliveryLosesNothing() throws Exception {
    faults("{\"delay\":\"400ms\"}");
    Instant sent = Instant.now();
    String corr = switchRequest().json().getString("correlationId");
    eventually(() -> supa.types(corr).size() == 2, "both, late");
    assertTrue(Duration.between(sent, Instant.now()).toMillis() >= 400);

    faults("{\"reorder\":true}");
    supa.received.clear();
    List<String> flows = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      flows.add(switchRequest().json().getString("correlationId"));
    }
    eventually(() -> supa.received.size() == 10, "all ten");
    // the order CSS sent them in, from the journal, against the order they arrived in
    List<String> sentOrder = Harness.await(h.sim.journal().query(org.csssim.internal.journal.JournalQuery.all(100_000)))
        .stream().filter(e -> e.outcome() == JournalEntry.Outcome.QUEUED && flows.contains(e.correlationId()))
        .map(JournalEntry::eventId).toList();
    List<String> arrivedOrder = supa.received.stream().map(m -> m.getString("eventId")).toList();
    assertEquals(java.util.Set.copyOf(sentOrder), java.util.Set.copyOf(arrivedOrder), "nothing lost");
    assertNotEquals(sentOrder, arrivedOrder, "reordered: ten messages each held a random time up to a second keep "
        + "their order about once in 3.6 million runs");
  }

  @Test
  void theJournalIsQueriedAndExported() throws Exception {
    String corr = switchRequest().json().getString("correlationId");
    eventually(() -> reconciles(corr), "both acknowledged");
    JsonObject json = h.admin(HttpMethod.GET, "/messages?correlationId=" + corr + "&mpid=SUPA", null).json();
    assertTrue(json.getInteger("count") >= 5, json.encode());  // the request, 2 queued, 2 acknowledged
    // the default store's journal is on disk, bounded by retention, not by a capacity that evicts
    assertTrue(h.sim.store().durable());
    assertNull(json.getJsonObject("journal").getValue("capacity"), json.encode());
    assertEquals(0, json.getJsonObject("journal").getInteger("evicted"));
    String jsonl = h.admin(HttpMethod.GET, "/messages?correlationId=" + corr + "&format=jsonl", null).body();
    String[] lines = jsonl.strip().split("\n");
    assertTrue(lines.length >= 5);
    for (String line : lines) {
      assertEquals(corr, new JsonObject(line).getString("correlationId"));
    }
    String csv = h.admin(HttpMethod.GET, "/messages?correlationId=" + corr + "&format=csv", null).body();
    assertTrue(csv.startsWith("seq,at,direction,eventId,eventType"), csv);
    assertEquals(lines.length + 1, csv.strip().split("\n").length);
    String eventId = new JsonObject(lines[lines.length - 1]).getString("eventId");
    JsonObject one = h.admin(HttpMethod.GET, "/messages/" + eventId, null).json();
    assertTrue(one.getJsonArray("history").stream().anyMatch(o -> "ACKNOWLEDGED".equals(((JsonObject) o).getString("outcome"))));
    assertEquals(400, h.admin(HttpMethod.GET, "/messages?since=yesterday", null).status());
    assertEquals(400, h.admin(HttpMethod.GET, "/messages?format=xml", null).status());
    assertEquals(404, h.admin(HttpMethod.GET, "/messages/nope", null).status());
  }
}
