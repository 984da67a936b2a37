package org.csssim;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the simulator's journal: a message in or out (or an operator's change) and what
 * became of it, as {@code GET /admin/v1/messages} shows it. {@code direction} is IN, OUT or
 * ADMIN; {@code outcome} ACCEPTED, DUPLICATE, REJECTED, ANSWERED (in), DELIVERED, QUEUED,
 * FAILED, ACKNOWLEDGED, RETRYING, DEAD_LETTERED, DROPPED (out); {@code errorCodes} the stable
 * codes of a rejection or failure; {@code body} the message as journaled (JSON text).
 */
public record JournalRecord(long seq, Instant at, String direction, String eventId, String eventType,
                            String correlationId, String from, String to, int status, String outcome,
                            List<String> errorCodes, String body) {}
