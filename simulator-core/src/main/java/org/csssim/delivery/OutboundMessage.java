package org.csssim.delivery;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message a simulated party sent, as it leaves through the router: the JSON body (unsigned:
 * it is signed by the sending party when it is delivered), its ids and its two ends.
 */
public record OutboundMessage(String eventId, String eventType, String correlationId, String senderMpid,
                              String recipientMpid, String mpxn, byte[] body, Instant at) {

  /** As the store keeps it (in the outbox, or in the inbox as a hand-over between simulated parties). */
  public JsonObject toJson() {
    return new JsonObject().put("kind", "handOver").put("eventId", eventId).put("eventType", eventType)
        .put("correlationId", correlationId).put("sender", senderMpid).put("recipient", recipientMpid).put("mpxn", mpxn)
        .put("body", new String(body, StandardCharsets.UTF_8)).put("at", at.toString());
  }

  public static OutboundMessage fromJson(JsonObject j) {
    return new OutboundMessage(j.getString("eventId"), j.getString("eventType"), j.getString("correlationId"),
        j.getString("sender"), j.getString("recipient"), j.getString("mpxn"),
        j.getString("body").getBytes(StandardCharsets.UTF_8), Instant.parse(j.getString("at")));
  }
}
