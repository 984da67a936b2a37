package org.csssim.internal.message;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.error.Problem;
import org.csssim.internal.error.Rejection;
import org.csssim.internal.json.Json;
import org.csssim.internal.yaml.InvalidValue;

/**
 * Where a message family keeps the envelope's members: a JSON pointer for each of
 * {@link Envelope}'s members and for the data, from the catalogue's {@code envelope:} (the
 * contract's top-level members when it has none). The simulator reads, checks and writes
 * envelopes only through a layout, so a family whose sender sits at
 * {@code /Header/From/Id}, say, needs a catalogue entry, not code.
 *
 * <p>Members are written in the order the catalogue lists them, so a message the simulator
 * writes looks like the family's own.
 */
public final class EnvelopeLayout {
  /** The members a layout places, in the order the contract writes them. */
  public static final List<String> MEMBERS = List.of("eventId", "eventType", "eventDate", "version", "correlationId",
      "senderMpid", "senderRole", "contextType", "data");
  private static final List<String> REQUIRED = List.of("eventId", "eventType", "eventDate", "version", "correlationId",
      "senderMpid", "senderRole");
  private static final int MAX_ID = 128;

  /** The contract's envelope: every member at the top level, by its own name. */
  public static final EnvelopeLayout DEFAULT = of((Map<String, String>) null);

  private final Map<String, String> pointers;
  private final Map<String, JsonPointer> compiled = new LinkedHashMap<>();

  private EnvelopeLayout(Map<String, String> pointers) {
    this.pointers = pointers;
    pointers.forEach((member, pointer) -> compiled.put(member, JsonPointer.compile(pointer)));
  }

  /**
   * The layout a catalogue's {@code envelope:} describes (member to pointer); a member it leaves
   * out stays at the top level by its own name. Refused when a name is not a member, a pointer is
   * not one, or one member would sit inside another.
   */
  public static EnvelopeLayout of(Map<String, String> given) {
    Map<String, String> pointers = new LinkedHashMap<>();
    if (given != null) {
      given.forEach((member, pointer) -> {
        if (!MEMBERS.contains(member)) {
          throw new InvalidValue("envelope/" + member, "'" + member + "' is not an envelope member; the members are " + MEMBERS);
        }
        if (pointer == null || !pointer.startsWith("/") || pointer.length() < 2) {
          throw new InvalidValue("envelope/" + member, "'" + pointer + "' is not a JSON pointer such as /Header/id");
        }
        pointers.put(member, pointer);
      });
    }
    MEMBERS.forEach(member -> pointers.putIfAbsent(member, "/" + member));
    // data last, whatever the order given: further members are written before it
    String data = pointers.remove("data");
    pointers.put("data", data);
    for (var a : pointers.entrySet()) {
      for (var b : pointers.entrySet()) {
        if (a != b && (a.getValue().equals(b.getValue()) || b.getValue().startsWith(a.getValue() + "/"))) {
          throw new InvalidValue("envelope/" + b.getKey(), b.getKey() + " at " + b.getValue()
              + " would be inside, or the same as, " + a.getKey() + " at " + a.getValue());
        }
      }
    }
    return new EnvelopeLayout(pointers);
  }

  /** Where {@code member} (one of {@link #MEMBERS}) lives. */
  public String pointer(String member) {
    return pointers.get(member);
  }

  /** The message's envelope, checked whole: every problem at once, each with its pointer. */
  public Envelope read(JsonNode message) throws Rejection {
    List<Problem> errors = new ArrayList<>();
    for (String member : REQUIRED) {
      JsonNode v = at(message, member);
      if (v.isMissingNode() || v.isNull()) {
        errors.add(error(ErrorCode.ENVELOPE_FIELD_MISSING, member, " is required"));
      } else if (!v.isTextual() || v.asText().isBlank()) {
        errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, member, " must be a non-empty string"));
      } else if (v.asText().length() > MAX_ID) {
        errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, member, " must be at most " + MAX_ID + " characters"));
      }
    }
    JsonNode date = at(message, "eventDate");
    if (date.isTextual() && !date.asText().isBlank() && !isInstant(date.asText())) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, "eventDate",
          " must be an ISO-8601 date-time with offset, e.g. 2026-11-22T10:15:30.123Z"));
    }
    JsonNode context = at(message, "contextType");
    if (!context.isMissingNode() && !context.isNull() && !context.isTextual()) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, "contextType", " must be a string"));
    }
    JsonNode data = at(message, "data");
    if (data.isMissingNode() || data.isNull()) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_MISSING, "data", " is required"));
    } else if (!data.isObject()) {
      errors.add(error(ErrorCode.ENVELOPE_FIELD_INVALID, "data", " must be a JSON object"));
    }
    if (!errors.isEmpty()) {
      throw new Rejection(400, errors);
    }
    return of(message);
  }

  /** The envelope of a message checked before, unchecked. */
  public Envelope of(JsonNode message) {
    return new Envelope(text(message, "eventId"), text(message, "eventType"), text(message, "eventDate"),
        text(message, "version"), text(message, "correlationId"), text(message, "senderMpid"),
        text(message, "senderRole"), text(message, "contextType"));
  }

  /** The eventId if the message has a readable one, for journaling a message that fails later checks. */
  public String eventIdOf(JsonNode message) {
    JsonNode v = message == null ? null : at(message, "eventId");
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /**
   * A new message's tree: the envelope's members where the layout puts them, then {@code
   * members} merged in (objects member by member, so {@code {Header: {tag: X}}} adds to the
   * header the envelope made), then the data.
   */
  ObjectNode write(Envelope e, Map<String, ?> members, Object data) {
    ObjectNode tree = Json.MAPPER.createObjectNode();
    String[] values = {e.eventId(), e.eventType(), e.eventDate(), e.version(), e.correlationId(), e.senderMpid(),
        e.senderRole(), e.contextType()};
    Map<String, String> byMember = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      byMember.put(MEMBERS.get(i), values[i]);
    }
    pointers.forEach((member, pointer) -> {
      String v = byMember.get(member);
      if (v != null) {
        Json.set(tree, compiled.get(member), Json.MAPPER.getNodeFactory().textNode(v));
      }
    });
    Json.merge(tree, Json.treeOf(members));
    Json.set(tree, compiled.get("data"), Json.treeOf(data == null ? Map.of() : data));
    return tree;
  }

  /** A further member that would overwrite what the simulator writes: its pointer, and the member it hits. */
  public record Clash(String pointer, String member) {
    /** The clash as a sentence: what was given and what it would overwrite. */
    public String why() {
      String name = pointer.substring(pointer.lastIndexOf('/') + 1);
      return name + " is written by the simulator itself" + (pointer.equals("/" + member) ? ""
          : " (" + pointer + " would overwrite " + member + ")");
    }
  }

  /**
   * The first of {@code members} (a nested map, as {@link #write} merges it) that would
   * overwrite a member the simulator writes itself, or the data, if any.
   */
  public java.util.Optional<Clash> clash(Map<?, ?> members) {
    List<String> leaves = new ArrayList<>();
    leaves(members, "", leaves);
    for (String leaf : leaves) {
      for (var p : pointers.entrySet()) {
        if (leaf.equals(p.getValue()) || leaf.startsWith(p.getValue() + "/") || p.getValue().startsWith(leaf + "/")) {
          return java.util.Optional.of(new Clash(leaf, p.getKey()));
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static void leaves(Map<?, ?> m, String prefix, List<String> out) {
    m.forEach((k, v) -> {
      String at = prefix + "/" + String.valueOf(k).replace("~", "~0").replace("/", "~1");
      if (v instanceof Map<?, ?> inner && !inner.isEmpty()) {
        leaves(inner, at, out);
      } else {
        out.add(at);
      }
    });
  }

  private JsonNode at(JsonNode message, String member) {
    return message.at(compiled.get(member));
  }

  private String text(JsonNode m, String member) {
    JsonNode v = at(m, member);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private Problem error(ErrorCode code, String member, String why) {
    String pointer = pointers.get(member);
    String name = pointer.equals("/" + member) ? member : member + " (" + pointer + ")";
    return Problem.of(code, name + why, pointer);
  }

  private static boolean isInstant(String s) {
    try {
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s);
      return true;
    } catch (DateTimeParseException ex) {
      return false;
    }
  }

  @Override
  public String toString() {
    return pointers.toString();
  }
}
