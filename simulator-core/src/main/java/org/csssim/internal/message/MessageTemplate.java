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
 * A message file with placeholders, so the message shapes stay data (samples/messages/README.md
 * lists them): {@code {{uuid}}} (a fresh UUID per occurrence), {@code {{eventId}}} and
 * {@code {{correlationId}}} (one per message), {@code {{now}}} (ISO instant), {@code {{date:+14}}}
 * (today plus N days), {@code {{seq}}}, {@code {{mpxn}}} and {@code {{fuelType}}}; and any other
 * name (say {@code {{sender}}}, {@code {{registrationId}}}) from the values given. A value given
 * for a name overrides it (a {@code correlationId} to answer within a flow); without one the MPxN
 * is a 13-digit MPAN core with a correct check digit, distinct per sequence number, and the fuel
 * type is E.
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
    String eventId = values.getOrDefault("eventId", UUID.randomUUID().toString());
    String correlationId = values.getOrDefault("correlationId", UUID.randomUUID().toString());
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = values.containsKey(name) ? values.get(name) : switch (name) {
        case "uuid" -> UUID.randomUUID().toString();
        case "eventId" -> eventId;
        case "correlationId" -> correlationId;
        case "now" -> clock.instant().toString();
        case "seq" -> Long.toString(seq);
        case "mpxn" -> mpanCore(seq);
        case "fuelType" -> "E";
        case "date" -> LocalDate.now(clock.withZone(ZoneOffset.UTC))
            .plusDays(m.group(2) == null ? 0 : Long.parseLong(m.group(2))).toString();
        default -> throw new IllegalArgumentException("no value for the placeholder {{" + name + "}}");
      };
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return new Rendered(out.toString(), eventId, correlationId);
  }

  /** A 13-digit MPAN core with a correct check digit, distinct for each sequence number. */
  public static String mpanCore(long seq) {
    String first12 = String.format("%012d", 100_000_000_000L + (seq % 800_000_000_000L));
    return first12 + MeterNumbers.checkDigit(first12);
  }
}
