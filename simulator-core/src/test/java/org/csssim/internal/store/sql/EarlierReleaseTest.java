package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.store.StoreOptions;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * A data directory left by the release before messages were routed: its inbox held an
 * accepted message under {@code kind: accepted} (no recipient: the catalogue's receiver), its
 * outbox a message as {@code kind: handOver} with its MPxN. A simulator started on it handles
 * the one and owes the other, as that release would have.
 */
class EarlierReleaseTest {
  @Test
  void whatTheLastReleaseLeftInTheInboxAndOutboxIsHandledAsItMeant() throws Exception {
    Path dir = Files.createTempDirectory("csssim-earlier");
    String eventId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    String owedId = UUID.randomUUID().toString();
    Vertx vertx = Vertx.vertx();
    try {
      // a first start makes the PKI, the schema and the seed; then the old rows are written as that release wrote them
      Harness.start(dir, c -> c).close();
      SqlStore store = Harness.await(SqlStore.open(vertx, StoreOptions.of(StoreOptions.Kind.embedded, null), 1000, dir));
      String mpxn = "1200023305967";
      JsonObject message = new JsonObject(Harness.switchRequest("SUPA").put("eventId", eventId)
          .put("correlationId", correlationId).toString());
      message.getJsonObject("data").put("mpxn", mpxn);
      JsonObject accepted = new JsonObject().put("kind", "accepted").put("eventType", "SwitchRequest")
          .put("message", message.encode()).put("sender", "SUPA").put("role", "Supplier")
          .put("ackIds", new JsonObject().put("registrationId", "R-" + eventId)).put("receivedAt", Instant.now().toString())
          .putNull("recipient");
      String owedBody = new JsonObject().put("eventId", owedId).put("eventType", "RegistrationPendingNotification")
          .put("correlationId", "c-owed").put("senderMpid", "CSS").encode();
      JsonObject handOver = new JsonObject().put("kind", "handOver").put("eventId", owedId)
          .put("eventType", "RegistrationPendingNotification").put("correlationId", "c-owed").put("sender", "CSS")
          .put("recipient", "SUPA").put("mpxn", mpxn).put("body", owedBody).put("at", Instant.now().toString());
      Harness.await(store.writes().write("INSERT INTO inbox (id, message) VALUES (?, ?)", Tuple.of(9001L, accepted.encode())));
      Harness.await(store.writes().write("INSERT INTO outbox (id, dead, message) VALUES (?, FALSE, ?)",
          Tuple.of(9001L, handOver.encode())));
      Harness.await(store.close());
    } finally {
      Harness.await(vertx.close());
    }
    try (Harness h = Harness.start(dir, c -> c)) {
      List<JournalEntry> flow = Harness.await(h.sim.journal().query(
          new JournalQuery(null, correlationId, null, null, null, null, null, 100)));
      assertTrue(flow.stream().anyMatch(e -> e.direction() == JournalEntry.Direction.OUT && "CSS".equals(e.senderMpid())
          && "SUPA".equals(e.recipientMpid())), "CSS's script ran on the accepted message and answered SUPA: " + flow);
      JsonObject outbox = h.admin(HttpMethod.GET, "/outbox/SUPA", null).json();
      assertTrue(outbox.getJsonArray("messages").stream().anyMatch(m -> owedId.equals(((JsonObject) m).getString("eventId"))),
          "the owed message still waits for SUPA: " + outbox);
      // the turn that handled it commits its inbox entry's end after it ran, as every turn does
      h.inboxDrained("the old inbox entry was handled");
    }
  }

  /**
   * A data directory whose embedded store is H2 (every release before SQLite) keeps H2: its
   * messages are still there, and new ones go to it too.
   */
  @Test
  void anH2StoreOfAnEarlierReleaseIsOpenedAsItIs() throws Exception {
    Path dir = Files.createTempDirectory("csssim-h2");
    var h2 = StoreOptions.of(StoreOptions.Kind.embedded, null).withEngine(StoreOptions.Engine.h2);
    var first = Harness.switchRequest("SUPA");
    try (Harness h = Harness.start(dir, c -> Harness.physical("SUPA").apply(c.withStore(h2)))) {
      assertTrue(h.sim.store().description().contains("H2"), h.sim.store().description());
      assertEquals(202, h.postSigned("/css/v1/switch-requests", first).status());
    }
    assertTrue(Files.exists(dir.resolve("store/csssim.mv.db")));
    try (Harness h = Harness.start(dir, Harness.physical("SUPA"))) {   // the default configuration: no engine named
      assertTrue(h.sim.store().description().contains("H2"), "the H2 file is found and kept: " + h.sim.store().description());
      assertEquals(1, h.journal(first.get("eventId").asText()).size(), "what the earlier start journaled is there");
      var next = Harness.switchRequest("SUPA");
      assertEquals(202, h.postSigned("/css/v1/switch-requests", next).status());
      assertFalse(Files.exists(dir.resolve("store/csssim.db")), "no SQLite file beside it");
    }
  }
}
