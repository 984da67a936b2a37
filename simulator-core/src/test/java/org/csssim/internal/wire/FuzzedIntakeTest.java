package org.csssim.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.csssim.internal.catalogue.MessageType;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.registration.Registration;
import org.csssim.testing.Harness;

/**
 * A fuzz run of the intake on the default (embedded, durable) store: 20,000 SwitchRequests,
 * each a valid one mutated (bytes flipped, inserted, cut; a value replaced by any JSON; a key
 * removed, added or doubled; bytes after the object; another encoding; huge strings), half of
 * them signed again after the mutation so they get past the signature to the checks behind it.
 * Whatever comes in: no answer is a 5xx, the store never fails a write, and nothing changes
 * that an accepted message does not explain (every message the simulator sent, and every
 * registration it made, belongs to a flow it acknowledged).
 */
class FuzzedIntakeTest {
  private static Harness h;
  private static MessageType route;
  private static String mpxn;
  private static Set<String> registrationsBefore;
  private static final Set<String> acceptedFlows = ConcurrentHashMap.newKeySet();
  private static final Set<String> acceptedRegistrations = ConcurrentHashMap.newKeySet();
  private static final Map<Integer, AtomicInteger> statuses = new TreeMap<>();

  @BeforeContainer
  static void start() throws Exception {
    h = Harness.start(Harness.physical("SUPA"));
    route = h.sim.catalogue().type("SwitchRequest").orElseThrow();
    mpxn = h.sim.registrations().meterPoints().stream()
        .filter(m -> "SUPB".equals(m.attributes().get("supplierMpid")) && "E".equals(m.attributes().get("fuelType")))
        .map(m -> m.mpxn()).sorted().findFirst().orElseThrow();
    registrationsBefore = registrationIds();
  }

  @AfterContainer
  static void everyChangeBelongsToAnAcceptedFlow() throws Exception {
    try {
      h.inboxDrained("every accepted message handled by the scripts");
      System.out.println("fuzzed intake, answers by status: " + statuses);
      assertFalse(h.sim.store().status().failing(), "the store never failed a write: " + h.sim.store().status());
      assertEquals(0L, h.sim.store().status().failedWrites());
      List<JournalEntry> sent = Harness.await(h.sim.journal().query(JournalQuery.all(1_000_000))).stream()
          .filter(e -> e.direction() == JournalEntry.Direction.OUT).toList();
      for (JournalEntry e : sent) {
        assertTrue(acceptedFlows.contains(e.correlationId()), "sent for a flow nobody's message opened: " + e);
      }
      Set<String> made = registrationIds();
      made.removeAll(registrationsBefore);
      assertTrue(acceptedRegistrations.containsAll(made), "every new registration was acknowledged: " + made);
      assertTrue(statuses.containsKey(202) && statuses.containsKey(422) && statuses.containsKey(401)
          && statuses.containsKey(400), "the run reached acceptance and each check: " + statuses);
    } finally {
      h.close();
    }
  }

  private static Set<String> registrationIds() {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    h.sim.registrations().meterPoints().forEach(m -> h.sim.registrations().registrationsOf(m.mpxn())
        .forEach((Registration r) -> ids.add(r.id())));
    return ids;
  }

  /** One fuzzed message: how to mutate the valid one, and whether to sign it again afterwards. */
  record Case(Mutation mutation, boolean resign) {}

  interface Mutation {
    byte[] apply(ObjectNode message, byte[] json);
  }

  @Property(tries = 20_000, seed = "20261201")
  void noInputMakesTheIntakeFailOrChangesWhatItDidNotAccept(@ForAll("cases") Case c) throws Exception {
    ObjectNode message = Harness.switchRequest("SUPA");
    ((ObjectNode) message.get("data")).put("mpxn", mpxn);
    byte[] original = message.toString().getBytes(StandardCharsets.UTF_8);
    String originalSignature = signature(original);
    byte[] body = c.mutation().apply(message.deepCopy(), original);
    String sig = c.resign() ? signature(body) : originalSignature;
    IntakeRequest request = new IntakeRequest("POST", "/css/v1/switch-requests", "/css/v1/switch-requests",
        "application/json", sig, body, Map.of(), Map.of(), null);
    IntakeResponse answer = Harness.await(h.sim.intake().handle(route, request));
    statuses.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
    assertTrue(answer.status() < 500, answer.status() + " " + new String(answer.body(), StandardCharsets.UTF_8));
    if (answer.status() == 202) {
      JsonNode ack = Harness.JSON.readTree(answer.body());
      acceptedFlows.add(ack.path("correlationId").asText());
      acceptedRegistrations.add(ack.path("registrationId").asText());
    }
  }

  private static String signature(byte[] body) {
    return h.sim.signer().sign(h.party("SUPA"), body).headers().get(MessageSigner.SIGNATURE_HEADER);
  }

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(mutations(), Arbitraries.of(true, false)).as(Case::new);
  }

  private static Arbitrary<Mutation> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, 400);
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8);
    return Arbitraries.oneOf(
        // bytes: one flipped, some inserted, a range cut, the end cut off, something after the end
        Combinators.combine(position, Arbitraries.integers().between(1, 255)).as((at, x) -> (m, json) -> {
          byte[] out = json.clone();
          out[at % out.length] ^= x.byteValue();
          return out;
        }),
        Combinators.combine(position, bytes).as((at, extra) -> (m, json) -> insert(json, at % json.length, extra)),
        Combinators.combine(position, Arbitraries.integers().between(1, 40)).as((at, n) -> (m, json) -> {
          int from = at % json.length;
          return concat(Arrays.copyOf(json, from), Arrays.copyOfRange(json, Math.min(json.length, from + n), json.length));
        }),
        position.map(at -> (m, json) -> Arrays.copyOf(json, at % json.length)),
        bytes.map(extra -> (m, json) -> concat(json, extra)),
        // JSON: a value replaced by any JSON value, a field removed, an unknown one added, a key twice
        Combinators.combine(fields(), jsonValues()).as((field, value) -> (m, json) -> {
          target(m, field).set(leaf(field), value);
          return m.toString().getBytes(StandardCharsets.UTF_8);
        }),
        fields().map(field -> (m, json) -> {
          target(m, field).remove(leaf(field));
          return m.toString().getBytes(StandardCharsets.UTF_8);
        }),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(name -> (m, json) -> {
          ((ObjectNode) m.get("data")).put(name, "extra");
          return m.toString().getBytes(StandardCharsets.UTF_8);
        }),
        fields().map(field -> (m, json) -> {
          String text = m.toString();
          String key = "\"" + leaf(field) + "\":";
          int at = text.indexOf(key);
          return (at < 0 ? text : text.substring(0, at) + key + "\"twice\"," + text.substring(at))
              .getBytes(StandardCharsets.UTF_8);
        }),
        // encodings and sizes
        Arbitraries.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.ISO_8859_1)
            .map(cs -> (m, json) -> m.toString().replace("REF-1", "RÉF-1").getBytes(cs)),
        Combinators.combine(fields(), Arbitraries.integers().between(200, 70_000)).as((field, n) -> (m, json) -> {
          target(m, field).put(leaf(field), "9".repeat(n));
          return m.toString().getBytes(StandardCharsets.UTF_8);
        }),
        // a valid message with the same eventId each time: the first is accepted, the rest replays or reuse
        Arbitraries.of("reference-A", "reference-B").map(ref -> (m, json) -> {
          m.put("eventId", "0f0f0f0f-fuzz-fixed-eventid");
          ((ObjectNode) m.get("data")).put("supplierGeneratedReference", ref);
          return m.toString().getBytes(StandardCharsets.UTF_8);
        }));
  }

  private static Arbitrary<String> fields() {
    return Arbitraries.of("eventId", "eventType", "eventDate", "version", "correlationId", "senderMpid", "senderRole",
        "data", "data.mpxn", "data.fuelType", "data.supplyStartDate", "data.supplierGeneratedReference",
        "data.domesticPremisesInd", "data.changeOfOccupancyInd");
  }

  private static ObjectNode target(ObjectNode message, String field) {
    return field.startsWith("data.") && message.get("data") instanceof ObjectNode data ? data : message;
  }

  private static String leaf(String field) {
    return field.startsWith("data.") ? field.substring(5) : field;
  }

  private static Arbitrary<JsonNode> jsonValues() {
    var f = Harness.JSON.getNodeFactory();
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(s -> (JsonNode) f.textNode(s)),
        Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(20).map(s -> (JsonNode) f.textNode(s)),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20).map(s -> (JsonNode) f.textNode(s)),
        Arbitraries.longs().map(n -> (JsonNode) f.numberNode(n)),
        Arbitraries.doubles().map(d -> (JsonNode) f.numberNode(d)),
        Arbitraries.of((JsonNode) f.nullNode(), f.booleanNode(true), f.arrayNode(), f.objectNode(),
            f.textNode("1221000000007\n"), f.textNode("2026-02-30"), f.textNode("E"), f.textNode("G")));
  }

  private static byte[] insert(byte[] json, int at, byte[] extra) {
    return concat(concat(Arrays.copyOf(json, at), extra), Arrays.copyOfRange(json, at, json.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
