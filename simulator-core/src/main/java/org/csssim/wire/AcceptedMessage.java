package org.csssim.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.csssim.catalogue.MessageType;

/**
 * A message that passed every intake check and is journaled: what the scenario engine and the
 * router receive. {@code envelope} is null for a bodiless enquiry, whose {@code message} is
 * {@code {"path":{...},"query":{...}}}. {@code ackIds} are the ids the acknowledgement carried
 * (a registrationId the simulator allocated, say). {@code recipientMpid} is the simulated party a
 * webhook was addressed to, or null for a message to the catalogue's receiver (CSS).
 */
public record AcceptedMessage(MessageType type, Envelope envelope, JsonNode message, String senderMpid,
                              String senderRole, Map<String, String> ackIds, Instant receivedAt, long journalSeq,
                              String recipientMpid) {}
