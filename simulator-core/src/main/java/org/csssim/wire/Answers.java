package org.csssim.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.csssim.journal.JournalEntry;

/** The contract's synchronous answers: Accepted and Rejected bodies. */
public final class Answers {
  public static final String JSON = "application/json";
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Answers() {}

  static byte[] accepted(String eventId, String correlationId, Map<String, String> ids) {
    ObjectNode n = MAPPER.createObjectNode().put("status", "Accepted").put("eventId", eventId).put("correlationId", correlationId);
    ids.forEach(n::put);
    return bytes(n);
  }

  public static byte[] rejected(String eventId, List<JournalEntry.Error> errors) {
    ObjectNode n = MAPPER.createObjectNode().put("status", "Rejected");
    if (eventId != null) {
      n.put("eventId", eventId);
    }
    ArrayNode list = n.putArray("errors");
    for (JournalEntry.Error e : errors) {
      ObjectNode o = list.addObject().put("code", e.code()).put("message", e.message());
      if (e.pointer() != null) {
        o.put("pointer", e.pointer());
      }
    }
    return bytes(n);
  }

  static byte[] bytes(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
