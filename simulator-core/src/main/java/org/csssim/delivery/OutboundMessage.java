package org.csssim.delivery;

import java.time.Instant;

/**
 * A message a simulated party sent, as it leaves through the router: the JSON body (unsigned:
 * it is signed by the sending party when it is delivered), its ids and its two ends.
 */
public record OutboundMessage(String eventId, String eventType, String correlationId, String senderMpid,
                              String recipientMpid, String mpxn, byte[] body, Instant at) {}
