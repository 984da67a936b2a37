package org.csssim.internal.scenario;

import java.util.Map;
import org.csssim.internal.json.Json;
import org.csssim.internal.message.Message;

/**
 * A message arriving at a simulated party: from the intake (a physical party's message to CSS,
 * {@code synchronous}, so a script may reply to it) or from another simulated party through
 * the router; or what a timer or an operator's run starts an instance with.
 */
public record Inbound(String eventType, Message message, String senderMpid, String recipientMpid,
                      Map<String, String> ack, boolean synchronous) {

  /** A start that is not a message (a timer's tick, an operator's run): only the members given. */
  static Inbound start(Map<String, Object> members, String recipientMpid) {
    return new Inbound(null, Message.of(Json.bytes(members)), null, recipientMpid, Map.of(), false);
  }

  /** The message as a script reads it. */
  Map<String, Object> view() {
    return message.map();
  }
}
