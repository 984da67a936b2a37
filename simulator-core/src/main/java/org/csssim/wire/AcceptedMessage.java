package org.csssim.wire;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.csssim.catalogue.Catalogue;
import org.csssim.catalogue.MessageType;
import org.csssim.message.Message;

/**
 * A message that passed every intake check and is journaled: what the scenario engine and the
 * router receive. A bodiless enquiry's {@code message} is {@code {"path":{...},"query":{...}}}
 * (it has no envelope). {@code ackIds} are the ids the acknowledgement carried (a
 * registrationId the simulator allocated, say). {@code recipientMpid} is the simulated party a
 * webhook was addressed to, or null for a message to the catalogue's receiver (CSS).
 * {@code inboxId} is its entry in the store's inbox until the scripts have handled it (0: none).
 */
public record AcceptedMessage(MessageType type, Message message, String senderMpid, String senderRole,
                              Map<String, String> ackIds, Instant receivedAt, long inboxId, String recipientMpid) {

  /** The same message under its inbox entry. */
  public AcceptedMessage withInboxId(long id) {
    return new AcceptedMessage(type, message, senderMpid, senderRole, ackIds, receivedAt, id, recipientMpid);
  }

  /** As the inbox keeps it: enough to hand it to the scripts again after a restart. */
  public JsonObject toJson() {
    return new JsonObject().put("kind", "accepted").put("eventType", type.eventType()).put("message", message.text())
        .put("sender", senderMpid).put("role", senderRole).put("ackIds", new JsonObject(new LinkedHashMap<>(ackIds)))
        .put("receivedAt", receivedAt.toString()).put("recipient", recipientMpid);
  }

  /** Read back from the inbox; the type must still be in the catalogue. */
  public static AcceptedMessage fromJson(JsonObject j, long inboxId, Catalogue catalogue) throws IOException {
    MessageType type = catalogue.type(j.getString("eventType")).orElseThrow(
        () -> new IOException("eventType " + j.getString("eventType") + " is no longer in the catalogue"));
    Map<String, String> ids = new LinkedHashMap<>();
    j.getJsonObject("ackIds", new JsonObject()).forEach(e -> ids.put(e.getKey(), String.valueOf(e.getValue())));
    return new AcceptedMessage(type, Message.of(j.getString("message")), j.getString("sender"), j.getString("role"),
        Map.copyOf(ids), Instant.parse(j.getString("receivedAt")), inboxId, j.getString("recipient"));
  }
}
