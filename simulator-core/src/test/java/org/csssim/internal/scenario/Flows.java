package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.registration.MeterPoint;
import org.csssim.testing.Harness;

/** Helpers that read like the flows: send as a supplier, move the clock, see who got what. */
final class Flows {
  static final String START = "2026-12-01T09:00:00Z";  // a Tuesday

  private final Harness h;

  Flows(Harness h) throws Exception {
    this.h = h;
    h.admin(HttpMethod.POST, "/clock", "{\"set\":\"" + START + "\"}");
  }

  /** A seeded meter point with these attributes (and not yet used by this test class). */
  String mpxn(String fuel, String supplier, String objection, Predicate<MeterPoint> more) {
    return h.sim.registrations().meterPoints().stream()
        .filter(m -> fuel.equals(m.attributes().get("fuelType")))
        .filter(m -> supplier == null ? !m.attributes().containsKey("supplierMpid") : supplier.equals(m.attributes().get("supplierMpid")))
        .filter(m -> objection.equals(m.attributes().get("objection")))
        .filter(more)
        .map(MeterPoint::mpxn).sorted()
        .filter(x -> !used.contains(x)).findFirst().map(x -> {
          used.add(x);
          return x;
        }).orElseThrow();
  }

  private final java.util.Set<String> used = new java.util.HashSet<>();

  static ObjectNode message(String type, String sender, String correlationId) {
    ObjectNode m = Harness.switchRequest(sender).put("eventType", type);
    if (correlationId != null) {
      m.put("correlationId", correlationId);
    }
    m.putObject("data");
    return m;
  }

  /** SUPA asks to switch {@code mpxn} from the given supply start date; answers the ack. */
  JsonObject switchRequest(String mpxn, String fuel, String supplyStartDate) throws Exception {
    ObjectNode m = Harness.switchRequest("SUPA");
    ((ObjectNode) m.get("data")).put("mpxn", mpxn).put("fuelType", fuel).put("supplyStartDate", supplyStartDate);
    Harness.Response r = h.postSigned("/css/v1/switch-requests", m);
    assertEquals(202, r.status(), r.body());
    return r.json();
  }

  Harness.Response post(String path, String type, String sender, String correlationId, Map<String, Object> data)
      throws Exception {
    ObjectNode m = message(type, sender, correlationId);
    if (!"Supplier".equals(h.party(sender).roles().get(0))) {
      m.put("senderRole", h.party(sender).roles().get(0));
    }
    ObjectNode d = (ObjectNode) m.get("data");
    data.forEach(d::putPOJO);
    return h.postSigned(path, m);
  }

  void advance(String duration) throws Exception {
    assertEquals(200, h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"" + duration + "\"}").status());
  }

  void setClock(String instant) throws Exception {
    assertEquals(200, h.admin(HttpMethod.POST, "/clock", "{\"set\":\"" + instant + "\"}").status());
  }

  /** The messages waiting for a physical party, oldest first, read through the admin API. */
  List<JsonObject> outbox(String mpid) throws Exception {
    return h.admin(HttpMethod.GET, "/outbox/" + mpid, null).json().getJsonArray("messages").stream()
        .map(o -> (JsonObject) o).toList();
  }

  List<String> outboxTypes(String mpid, String correlationId) throws Exception {
    return outbox(mpid).stream().filter(m -> correlationId.equals(m.getString("correlationId")))
        .map(m -> m.getString("eventType")).toList();
  }

  /** What the simulator sent in a flow: "type -> recipient (contextType)" in the order sent. */
  List<JournalEntry> sent(String correlationId) throws Exception {
    return Harness.await(h.sim.journal().query(new JournalQuery(null, correlationId, null, null, null, null, null,
        10_000))).stream().filter(e -> e.direction() == JournalEntry.Direction.OUT).toList();
  }

  List<String> sentTo(String correlationId, String mpid) throws Exception {
    return sent(correlationId).stream().filter(e -> mpid.equals(e.recipientMpid())).map(JournalEntry::eventType).toList();
  }

  /** The last message of {@code type} waiting for {@code mpid} in the flow. */
  JsonObject last(String mpid, String correlationId, String type) throws Exception {
    List<JsonObject> all = outbox(mpid).stream().filter(m -> correlationId.equals(m.getString("correlationId"))
        && type.equals(m.getString("eventType"))).toList();
    return all.get(all.size() - 1);
  }

  String supplierOf(String mpxn) {
    return (String) h.sim.registrations().meterPoint(mpxn).orElseThrow().attributes().get("supplierMpid");
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }
}
