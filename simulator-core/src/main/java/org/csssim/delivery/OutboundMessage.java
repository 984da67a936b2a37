package org.csssim.delivery;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.csssim.message.Message;

/**
 * A message a simulated party sent, as it leaves through the router: the message (unsigned: it
 * is signed by the sending party when it is delivered), its recipient, the data items the
 * catalogue names for its type ({@code keys}: the journal's index, and delivery's lane), and
 * when it was sent.
 */
public record OutboundMessage(Message message, String recipientMpid, Map<String, String> keys, Instant at) {
  public String eventId() {
    return message.eventId();
  }

  public String eventType() {
    return message.eventType();
  }

  public String correlationId() {
    return message.correlationId();
  }

  public String senderMpid() {
    return message.senderMpid();
  }

  public String mpxn() {
    return keys.get("mpxn");
  }

  public byte[] body() {
    return message.bytes();
  }

  /** As the store keeps it (in the outbox, or in the inbox as a hand-over between simulated parties). */
  public JsonObject toJson() {
    return new JsonObject().put("kind", "handOver").put("recipient", recipientMpid)
        .put("keys", new JsonObject(new LinkedHashMap<>(keys))).put("body", message.text()).put("at", at.toString());
  }

  public static OutboundMessage fromJson(JsonObject j) {
    Map<String, String> keys = new LinkedHashMap<>();
    j.getJsonObject("keys", new JsonObject()).forEach(e -> keys.put(e.getKey(), String.valueOf(e.getValue())));
    if (!j.containsKey("keys") && j.getString("mpxn") != null) {
      keys.put("mpxn", j.getString("mpxn"));   // as stores written before keys were kept have it
    }
    return new OutboundMessage(Message.of(j.getString("body")), j.getString("recipient"), Map.copyOf(keys),
        Instant.parse(j.getString("at")));
  }
}
