package org.csssim.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message in or out and what became of it. Fields the message did not let us read (a body
 * that is not JSON has no eventId) are null. {@code keys} holds the data items the catalogue
 * names for the type (for example {@code mpxn}); {@code ids} what the acknowledgement added.
 */
public record JournalEntry(
    long seq,
    Instant at,
    Direction direction,
    String method,
    String path,
    String eventId,
    String eventType,
    String correlationId,
    String senderMpid,
    String recipientMpid,
    Map<String, String> keys,
    Map<String, String> ids,
    int status,
    Outcome outcome,
    List<Error> errors,
    String body,
    boolean bodyTruncated,
    Attempt attempt) {

  /** IN and OUT are messages; ADMIN is an operator's change recorded with them (a connection swap). */
  public enum Direction { IN, OUT, ADMIN }

  /**
   * In: ACCEPTED, DUPLICATE, REJECTED, ANSWERED (an enquiry). Out: DELIVERED (to a simulated
   * party's scripts), QUEUED (for a physical party), FAILED (a script's message that could not
   * be sent, with its errors); and for each webhook attempt: ACKNOWLEDGED (2xx), RETRYING, or
   * DEAD_LETTERED (the last attempt failed); DROPPED when an injected fault withheld it.
   */
  public enum Outcome { ACCEPTED, DUPLICATE, REJECTED, ANSWERED, DELIVERED, QUEUED, FAILED, ACKNOWLEDGED, RETRYING,
    DEAD_LETTERED, DROPPED }

  /** One webhook attempt: which, where, the answer's status (0 when none came), how long, and why it failed. */
  public record Attempt(int number, String url, int status, long latencyMicros, String error) {}

  /** One error as the sender saw it in the answer. */
  public record Error(String code, String message, String pointer) {}

  public String mpxn() {
    return keys.get("mpxn");
  }

  /** The same entry with the sequence number the store gave it. */
  public JournalEntry withSeq(long s) {
    return new JournalEntry(s, at, direction, method, path, eventId, eventType, correlationId, senderMpid, recipientMpid,
        keys, ids, status, outcome, errors, body, bodyTruncated, attempt);
  }
}
