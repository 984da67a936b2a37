package org.csssim.internal.catalogue;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.csssim.internal.yaml.InvalidValue;

/**
 * One catalogue entry as written in YAML. {@code direction: inbound} types arrive at the
 * simulator on {@code method path} from {@code senders} (roles, or "*"); {@code outbound} types
 * are sent by it to {@code recipients}. {@code keys} name data items the journal indexes by
 * JSON pointer (for example {@code mpxn: /data/mpxn}); {@code ack} adds ids to the
 * acknowledgement, each either {@code uuid} (a fresh one) or a pointer into the message.
 *
 * <p>Where a party passes messages on (a hub's {@code forward} step), the type's recipients are
 * every party holding one of the {@code recipients} roles, and the parties whose mpids the
 * message names at the {@code addressedTo} pointers (a string or an array of them). An inbound
 * type with no {@code method} and {@code path} is received on the catalogue's {@code endpoint},
 * which all such types share: the envelope's eventType then says which it is.
 */
public record MessageTypeSpec(String eventType, Direction direction, String method, String path, List<String> senders,
                              List<String> recipients, String schema, Map<String, String> keys, Map<String, String> ack,
                              List<String> addressedTo) {
  public MessageTypeSpec(String eventType, Direction direction, String method, String path, List<String> senders,
                         List<String> recipients, String schema, Map<String, String> keys, Map<String, String> ack) {
    this(eventType, direction, method, path, senders, recipients, schema, keys, ack, null);
  }

  private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9._~-]+|/\\{[A-Za-z][A-Za-z0-9]*})+");
  private static final Set<String> METHODS = Set.of("POST", "PUT", "GET");

  public enum Direction { inbound, outbound }

  public MessageTypeSpec {
    require(eventType != null && eventType.matches("[A-Za-z][A-Za-z0-9_.-]*"), "eventType",
        "eventType must be a name of letters, digits, '_', '.' or '-'");
    require(direction != null, "direction", eventType + ": direction (inbound or outbound) is required");
    require(schema != null && !schema.isBlank(), "schema", eventType + ": schema is required");
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    ack = ack == null ? Map.of() : Map.copyOf(ack);
    senders = senders == null ? List.of() : List.copyOf(senders);
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
    addressedTo = addressedTo == null ? List.of() : List.copyOf(addressedTo);
    if (direction == Direction.inbound) {
      // both absent: the type is received on the catalogue's endpoint (Catalogue.load checks there is one)
      require(method == null && path == null || method != null && METHODS.contains(method), "method",
          eventType + ": method must be POST, PUT or GET");
      require(method == null && path == null || path != null && PATH.matcher(path).matches(), "path",
          eventType + ": path must look like /a/b or /a/{param}, not '" + path + "'");
      require(!senders.isEmpty(), "senders", eventType + ": an inbound type needs senders (roles, or \"*\")");
      require(!"GET".equals(method) || ack.isEmpty(), "ack", eventType + ": a GET enquiry has no acknowledgement ids");
    }
    keys.forEach((name, pointer) -> checkPointer("keys/" + name, pointer));
    addressedTo.forEach(pointer -> checkPointer("addressedTo", pointer));
    ack.forEach((name, source) -> {
      if (!"uuid".equals(source)) {
        checkPointer("ack/" + name, source);
      }
    });
  }

  private static void checkPointer(String key, String pointer) {
    if (pointer == null || !pointer.startsWith("/")) {
      throw new InvalidValue(key, "'" + pointer + "' is not a JSON pointer" + (key.startsWith("ack") ? " nor 'uuid'" : ""));
    }
  }

  /** This inbound type received on {@code method path} (the catalogue's endpoint). */
  MessageTypeSpec on(String method, String path) {
    return new MessageTypeSpec(eventType, direction, method, path, senders, recipients, schema, keys, ack, addressedTo);
  }

  public boolean bodiless() {
    return "GET".equals(method);
  }
}
