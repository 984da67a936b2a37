package org.csssim.internal.routing;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.csssim.internal.message.EnvelopeLayout;
import org.csssim.internal.message.Message;

/**
 * A message on its way to one party, whichever way it goes: its type, the message itself, who
 * sent it and to whom, the data items the catalogue names for the type ({@code keys}: the
 * journal's index, and delivery's lane), the ids the acknowledgement carried ({@code ackIds}),
 * whether it came {@code fromOutside} (a physical party's request to the intake, which a script
 * may answer synchronously), and when it was sent.
 *
 * <p>{@code eventType} and {@code senderMpid} are the message's own, except for an enquiry,
 * which has no envelope: then they are the catalogue type of its route and its signer.
 */
public record Routed(String eventType, Message message, String senderMpid, String recipientMpid,
                     Map<String, String> keys, Map<String, String> ackIds, boolean fromOutside, Instant at) {

  /** A message a simulated party sends, its type and sender its envelope's. */
  public static Routed sent(Message message, String recipientMpid, Map<String, String> keys, Instant at) {
    return new Routed(message.eventType(), message, message.senderMpid(), recipientMpid, keys, Map.of(), false, at);
  }

  /** The same, its message {@link Message#compact() compact}: for one that waits in a queue. */
  public Routed compact() {
    Message c = message.compact();
    return c == message ? this : new Routed(eventType, c, senderMpid, recipientMpid, keys, ackIds, fromOutside, at);
  }

  public String eventId() {
    return message.eventId();
  }

  public String correlationId() {
    return message.correlationId();
  }

  public String mpxn() {
    return keys.get("mpxn");
  }

  public byte[] body() {
    return message.bytes();
  }

  /** As the store keeps it (in the outbox, or in the inbox), enough to route it again after a restart. */
  public JsonObject toJson() {
    return new JsonObject().put("eventType", eventType).put("sender", senderMpid).put("recipient", recipientMpid)
        .put("keys", strings(keys)).put("ackIds", strings(ackIds)).put("fromOutside", fromOutside)
        .put("body", message.text()).put("at", at.toString());
  }

  /**
   * Read back from the store. Entries an earlier release wrote are read too: an accepted
   * message ({@code kind: accepted}, its body under {@code message}), or a hand-over with its
   * MPxN but no keys.
   */
  public static Routed fromJson(JsonObject j, EnvelopeLayout layout) {
    boolean accepted = "accepted".equals(j.getString("kind"));
    Message m = Message.of(j.getString("body", j.getString("message")).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        layout);
    Map<String, String> keys = strings(j.getJsonObject("keys"));
    if (!j.containsKey("keys") && j.getString("mpxn") != null) {
      keys = Map.of("mpxn", j.getString("mpxn"));
    }
    return new Routed(j.getString("eventType", m.eventType()), m, j.getString("sender", m.senderMpid()),
        j.getString("recipient"), keys, strings(j.getJsonObject("ackIds")), j.getBoolean("fromOutside", accepted),
        Instant.parse(j.getString("at", j.getString("receivedAt"))));
  }

  private static JsonObject strings(Map<String, String> m) {
    return new JsonObject(new LinkedHashMap<>(m));
  }

  private static Map<String, String> strings(JsonObject o) {
    Map<String, String> out = new LinkedHashMap<>();
    if (o != null) {
      o.forEach(e -> out.put(e.getKey(), String.valueOf(e.getValue())));
    }
    return Map.copyOf(out);
  }
}
