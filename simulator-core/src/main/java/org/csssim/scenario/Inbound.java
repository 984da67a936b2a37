package org.csssim.scenario;

import java.util.Map;

/**
 * A message arriving at a simulated party: from the intake (a physical party's message to CSS,
 * {@code synchronous}, so a script may reply to it) or from another simulated party through
 * the router. {@code message} is the whole message as maps and lists.
 */
public record Inbound(String eventType, Map<String, Object> message, String senderMpid, String recipientMpid,
                      Map<String, String> ack, boolean synchronous) {}
