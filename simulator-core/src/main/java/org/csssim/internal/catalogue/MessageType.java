package org.csssim.internal.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import org.csssim.internal.id.Ids;

/** A loaded catalogue entry: its specification and its compiled schema. */
public record MessageType(MessageTypeSpec spec, MessageSchema schema) {
  public String eventType() {
    return spec.eventType();
  }

  public boolean sentBy(String role) {
    return spec.senders().contains("*") || spec.senders().contains(role);
  }

  /** The data items named in {@code keys}, where the message has them. */
  public Map<String, String> keysOf(JsonNode message) {
    var out = new java.util.LinkedHashMap<String, String>();
    spec.keys().forEach((name, pointer) -> textAt(message, pointer).ifPresent(v -> out.put(name, v)));
    return out;
  }

  /**
   * The ids the catalogue says this type's acknowledgement carries: fresh UUIDs or values copied
   * from the message. Used by the intake and for messages simulated parties send one another.
   */
  public Map<String, String> ackIds(JsonNode message) {
    if (spec.ack().isEmpty()) {
      return Map.of();
    }
    Map<String, String> ids = new java.util.LinkedHashMap<>();
    spec.ack().forEach((name, source) -> {
      if ("uuid".equals(source)) {
        ids.put(name, Ids.next());
      } else {
        textAt(message, source).ifPresent(v -> ids.put(name, v));
      }
    });
    return ids;
  }

  static Optional<String> textAt(JsonNode message, String pointer) {
    JsonNode n = message.at(pointer);
    return n.isValueNode() ? Optional.of(n.asText()) : Optional.empty();
  }
}
