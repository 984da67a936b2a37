package org.csssim.internal.message;

/**
 * The envelope every message carries (contract section 3): its members, wherever a family's
 * {@link EnvelopeLayout} keeps them. {@code contextType} is optional.
 */
public record Envelope(String eventId, String eventType, String eventDate, String version, String correlationId,
                       String senderMpid, String senderRole, String contextType) {}
