package org.csssim.internal.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.csssim.internal.error.Problem;
import org.csssim.internal.json.Json;

/** The contract's synchronous answers: Accepted and Rejected bodies. */
public final class Answers {
  public static final String JSON = "application/json";

  private Answers() {}

  static byte[] accepted(String eventId, String correlationId, Map<String, String> ids) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("status", "Accepted").put("eventId", eventId).put("correlationId", correlationId);
    ids.forEach(n::put);
    return bytes(n);
  }

  public static byte[] rejected(String eventId, List<Problem> errors) {
    ObjectNode n = Json.MAPPER.createObjectNode().put("status", "Rejected");
    if (eventId != null) {
      n.put("eventId", eventId);
    }
    ArrayNode list = n.putArray("errors");
    for (Problem e : errors) {
      ObjectNode o = list.addObject().put("code", e.code()).put("message", e.message());
      if (e.pointer() != null) {
        o.put("pointer", e.pointer());
      }
    }
    return bytes(n);
  }

  static byte[] bytes(Object tree) {
    return Json.bytes(tree);
  }
}
