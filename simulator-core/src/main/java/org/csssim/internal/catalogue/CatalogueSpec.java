package org.csssim.internal.catalogue;

import static org.csssim.internal.yaml.InvalidValue.require;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.csssim.internal.json.Json;

/**
 * A catalogue file: its name and release (shown by {@code /version}), the role that receives
 * its inbound types ({@code receiver}, CSS in the reference catalogue), the envelope version
 * stamped on messages the simulator writes, its message types, and what a connectivity test
 * exchanges ({@code connectivity}, optional).
 *
 * <p>How the family's messages look on the wire is data too, each part optional and the
 * contract's when absent: where the envelope's members live ({@code envelope}, member to JSON
 * pointer), whether a body holds several messages ({@code batch}), how a message is signed
 * ({@code headerSignature}: signature headers instead of a JWS) and what the acknowledgement
 * looks like ({@code acknowledgement}).
 */
public record CatalogueSpec(String name, String release, String receiver, String envelopeVersion,
                            List<MessageTypeSpec> messages, Connectivity connectivity, java.util.Map<String, String> envelope,
                            Batch batch, org.csssim.internal.signature.HeaderSignature headerSignature,
                            Acknowledgement acknowledgement, Endpoint endpoint, Boolean relays) {
  public CatalogueSpec(String name, String release, String receiver, String envelopeVersion,
                       List<MessageTypeSpec> messages, Connectivity connectivity) {
    this(name, release, receiver, envelopeVersion, messages, connectivity, null, null, null, null, null, null);
  }

  /**
   * One route on which every inbound type that names none of its own is received (a family's
   * "send message" API), told apart by the envelope's eventType.
   */
  public record Endpoint(String method, String path) {
    public Endpoint {
      method = method == null ? "POST" : method;
      require(java.util.Set.of("POST", "PUT").contains(method), "endpoint/method", "an endpoint takes POST or PUT");
      require(path != null && path.matches("(/[A-Za-z0-9._~-]+)+"), "endpoint/path", "an endpoint's path looks like /a/b");
    }
  }

  /**
   * A body that is a JSON array of messages (at least one, at most {@code maxItems}), each
   * element holding its message at {@code item} (a JSON pointer such as {@code /payload}, or
   * {@code ""} for the element itself). Webhooks carry one message in the same shape.
   */
  public record Batch(String item, Integer maxItems) {
    public Batch {
      item = item == null ? "" : item;
      require(item.isEmpty() || item.startsWith("/"), "batch/item", "item is a JSON pointer such as /payload, or \"\"");
      maxItems = maxItems == null ? 100 : maxItems;
      require(maxItems > 0, "batch/maxItems", "maxItems must be at least 1");
    }

    /** A batch of the one message {@code json}. */
    public byte[] of(byte[] json) {
      ArrayNode body = Json.MAPPER.createArrayNode();
      try {
        JsonNode message = Json.tree(json);
        if (item.isEmpty()) {
          body.add(message);
        } else {
          Json.set(body.addObject(), JsonPointer.compile(item), message);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("a message to send is not JSON: " + e.getMessage(), e);
      }
      return Json.bytes(body);
    }
  }

  /**
   * The acknowledgement of an accepted message: its HTTP {@code status} and a {@code body}
   * template in which a string that is exactly {@code {eventId}}, {@code {correlationId}},
   * {@code {eventType}} or {@code {senderMpid}} is replaced by the message's member; the type's
   * {@code ack} ids are added to it. A batch is answered with an array of them.
   */
  public record Acknowledgement(Integer status, java.util.Map<String, Object> body) {
    public static final Acknowledgement DEFAULT = new Acknowledgement(202, null);

    public Acknowledgement {
      status = status == null ? 202 : status;
      require(status >= 200 && status < 300, "acknowledgement/status", "an acknowledgement's status is 2xx");
      body = body == null ? defaultBody() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
    }

    private static java.util.Map<String, Object> defaultBody() {
      java.util.Map<String, Object> b = new java.util.LinkedHashMap<>();
      b.put("status", "Accepted");
      b.put("eventId", "{eventId}");
      b.put("correlationId", "{correlationId}");
      return java.util.Collections.unmodifiableMap(b);
    }
  }
  /**
   * A connectivity test's message exchange (phase 4): a participant sends {@code send} (an
   * inbound type, rendered from {@code template}) and waits for {@code expect} with the same
   * correlationId; the receiver's side sends {@code notification} (an outbound type, from
   * {@code notificationTemplate}) to a participant's webhook. Templates take the placeholders of
   * {@code samples/messages} and default to its file for the type; {@code values} fills
   * placeholders in both (a meter point no test data has, say, so the exchange changes nothing).
   */
  public record Connectivity(String send, String template, String expect, String notification, String notificationTemplate,
                             java.util.Map<String, String> values) {
    public Connectivity {
      values = values == null ? java.util.Map.of() : java.util.Map.copyOf(values);
    }
  }

  public CatalogueSpec {
    require(receiver != null && !receiver.isBlank(), "receiver", "a catalogue names the role that receives its inbound types");
    envelopeVersion = envelopeVersion == null ? "1.0" : envelopeVersion;
    require(name != null && !name.isBlank(), "name", "a catalogue needs a name");
    require(release != null && !release.isBlank(), "release", "a catalogue needs a release");
    require(messages != null && !messages.isEmpty(), "messages", "a catalogue needs at least one message type");
    messages = List.copyOf(messages);
    acknowledgement = acknowledgement == null ? Acknowledgement.DEFAULT : acknowledgement;
    relays = relays != null && relays;
  }
}
