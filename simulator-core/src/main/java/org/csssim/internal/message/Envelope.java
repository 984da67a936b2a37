package org.csssim.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.error.Problem;
import org.csssim.internal.error.Rejection;

/**
 * The envelope every message carries (contract section 3), read and written here only.
 * {@link #read} checks it whole and reports every problem at once, each with its pointer
 * ({@code eventDate} is checked for format only); {@link #of} reads one already checked;
 * {@link #toTree} writes one, members in the contract's order, {@code contextType} only when set.
 */
public record Envelope(String eventId, String eventType, String eventDate, String version, String correlationId,
                       String senderMpid, String senderRole, String contextType) {
  /** The members this record holds, which a script's further envelope members may not name. */
  public static final java.util.Set<String> MEMBERS = java.util.Set.of("eventId", "eventType", "eventDate", "version",
      "correlationId", "senderMpid", "senderRole", "contextType");
  private static final String[] REQUIRED = {
      "eventId", "eventType", "eventDate", "version", "correlationId", "senderMpid", "senderRole"};
  private static final int MAX_ID = 128;

  public static Envelope read(JsonNode message) throws Rejection {
    List<Problem> errors = new ArrayList<>();
    for (String field : REQUIRED) {
      JsonNode v = message.get(field);
      if (v == null || v.isNull()) {
        errors.add(error(ErrorCode.ENVELOPE_FIELD_MISSING, field + " is required", field));
      } else if (!v.isTextual() || v.asText().isBlank()) {
        errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, field + " must be a non-empty string", field));
      } else if (v.asText().length() > MAX_ID) {
        errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, field + " must be at most " + MAX_ID + " characters", field));
      }
    }
    JsonNode date = message.get("eventDate");
    if (date != null && date.isTextual() && !date.asText().isBlank() && !isInstant(date.asText())) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID,
          "eventDate must be an ISO-8601 date-time with offset, e.g. 2026-11-22T10:15:30.123Z", "eventDate"));
    }
    JsonNode context = message.get("contextType");
    if (context != null && !context.isNull() && !context.isTextual()) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, "contextType must be a string", "contextType"));
    }
    JsonNode data = message.get("data");
    if (data == null || data.isNull()) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_MISSING, "data is required", "data"));
    } else if (!data.isObject()) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, "data must be a JSON object", "data"));
    }
    if (!errors.isEmpty()) {
      throw new Rejection(400, errors);
    }
    return of(message);
  }

  /** The envelope of a message checked before (by the intake, or written by {@link Message#write}), unchecked. */
  public static Envelope of(JsonNode message) {
    return new Envelope(text(message, "eventId"), text(message, "eventType"), text(message, "eventDate"),
        text(message, "version"), text(message, "correlationId"), text(message, "senderMpid"),
        text(message, "senderRole"), text(message, "contextType"));
  }

  /** The envelope's members as a JSON object, for {@link Message#write} to add the data to. */
  ObjectNode toTree() {
    ObjectNode n = org.csssim.internal.json.Json.MAPPER.createObjectNode().put("eventId", eventId).put("eventType", eventType)
        .put("eventDate", eventDate).put("version", version).put("correlationId", correlationId)
        .put("senderMpid", senderMpid).put("senderRole", senderRole);
    if (contextType != null) {
      n.put("contextType", contextType);
    }
    return n;
  }

  /** The eventId if the message has a readable one, for journaling a message that fails later checks. */
  public static String eventIdOf(JsonNode message) {
    return message != null && message.path("eventId").isTextual() ? message.get("eventId").asText() : null;
  }

  private static boolean isInstant(String s) {
    try {
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String text(JsonNode m, String field) {
    JsonNode v = m.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Problem error(ErrorCode code, String message, String field) {
    return Problem.of(code, message, "/" + field);
  }
}
