package org.csssim.internal.message;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csssim.internal.registration.MeterNumbers;

/**
 * A message file with placeholders, so the message shapes stay data: {@code {{uuid}}} (a fresh
 * UUID per occurrence), {@code {{eventId}}} and {@code {{correlationId}}} (one per message),
 * {@code {{now}}} (ISO instant), {@code {{date:+14}}} (today plus N days), {@code {{seq}}},
 * {@code {{sender}}}, {@code {{mpxn}}} and {@code {{fuelType}}}. The last three come from the
 * values given for each message; without them the MPxN is a 13-digit MPAN core with a correct
 * check digit, distinct per sequence number, and the fuel type is E.
 */
public final class MessageTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)(?::([+-]?\\d+))?}}");

  private final String text;
  private final Clock clock;

  public MessageTemplate(String text, Clock clock) {
    this.text = text;
    this.clock = clock;
  }

  /** A rendered message and the ids it was given. */
  public record Rendered(String json, String eventId, String correlationId) {}

  public Rendered render(long seq, Map<String, String> values) {
    String eventId = UUID.randomUUID().toString();
    String correlationId = UUID.randomUUID().toString();
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = switch (name) {
        case "uuid" -> UUID.randomUUID().toString();
        case "eventId" -> eventId;
        case "correlationId" -> correlationId;
        case "now" -> clock.instant().toString();
        case "seq" -> Long.toString(seq);
        case "mpxn" -> values.getOrDefault(name, mpanCore(seq));
        case "fuelType" -> values.getOrDefault(name, "E");
        case "sender" -> required(values, name);
        case "date" -> LocalDate.now(clock.withZone(ZoneOffset.UTC))
            .plusDays(m.group(2) == null ? 0 : Long.parseLong(m.group(2))).toString();
        default -> throw new IllegalArgumentException("unknown placeholder {{" + name + "}}");
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return new Rendered(out.toString(), eventId, correlationId);
  }

  private static String required(Map<String, String> values, String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no value for the placeholder {{" + name + "}}");
    }
    return v;
  }

  /** A 13-digit MPAN core with a correct check digit, distinct for each sequence number. */
  public static String mpanCore(long seq) {
    String first12 = String.format("%012d", 100_000_000_000L + (seq % 800_000_000_000L));
    return first12 + MeterNumbers.checkDigit(first12);
  }
}
