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

  /** {@code template} with every string that is exactly a key of {@code values} replaced by its value. */
  static com.fasterxml.jackson.databind.JsonNode filled(com.fasterxml.jackson.databind.JsonNode template,
                                                         Map<String, String> values) {
    if (template.isTextual() && values.containsKey(template.asText())) {
      return Json.MAPPER.getNodeFactory().textNode(values.get(template.asText()));
    }
    if (template.isObject()) {
      ObjectNode out = Json.MAPPER.createObjectNode();
      template.properties().forEach(e -> out.set(e.getKey(), filled(e.getValue(), values)));
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      template.forEach(e -> out.add(filled(e, values)));
      return out;
    }
    return template;
  }

  static byte[] bytes(Object tree) {
    return Json.bytes(tree);
  }
}
