package org.csssim.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.csssim.internal.error.Rejection;

/**
 * The envelope every message carries (contract section 3): its members, wherever a family's
 * {@link EnvelopeLayout} keeps them. {@code contextType} is optional.
 */
public record Envelope(String eventId, String eventType, String eventDate, String version, String correlationId,
                       String senderMpid, String senderRole, String contextType) {

  /** The envelope at the contract's top-level members, checked ({@link EnvelopeLayout#read}). */
  public static Envelope read(JsonNode message) throws Rejection {
    return EnvelopeLayout.DEFAULT.read(message);
  }

  /** The envelope at the contract's top-level members, unchecked. */
  public static Envelope of(JsonNode message) {
    return EnvelopeLayout.DEFAULT.of(message);
  }
}
