package org.csssim.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

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

  static Optional<String> textAt(JsonNode message, String pointer) {
    JsonNode n = message.at(pointer);
    return n.isValueNode() ? Optional.of(n.asText()) : Optional.empty();
  }
}
