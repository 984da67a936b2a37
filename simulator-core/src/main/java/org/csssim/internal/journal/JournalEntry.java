package org.csssim.internal.journal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.error.Problem;
import org.csssim.internal.message.Message;

/**
 * One message in or out and what became of it. Fields the message did not let us read (a body
 * that is not JSON has no eventId) are null. {@code keys} holds the data items the catalogue
 * names for the type (for example {@code mpxn}); {@code ids} what the acknowledgement added.
 * Built by the intake (which learns the fields one check at a time), by {@link #sent} for what
 * the simulator sends, and by {@link #change} for an operator's change. {@code at} is the
 * simulated clock's time; {@code wallAt} the wall clock's when the entry was made (they differ
 * once the clock is moved), so a picture of a flow can show both.
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
    List<Problem> errors,
    String body,
    boolean bodyTruncated,
    Attempt attempt,
    Instant wallAt) {

  /**
   * The longest value each text field keeps (the durable journal's columns). A longer one (a
   * refused request may carry anything) is cut to that length and ends in {@value #CUT}, so no
   * request can make a journal write fail, and the entry shows that the value was cut.
   */
  static final int METHOD_MAX = 16;
  static final int PATH_MAX = 2048;
  static final int ID_MAX = 256;
  static final int MPID_MAX = 64;
  static final String CUT = "\u2026";

  /** An entry made now, by the wall clock. */
  public JournalEntry(long seq, Instant at, Direction direction, String method, String path, String eventId, String eventType,
                      String correlationId, String senderMpid, String recipientMpid, Map<String, String> keys,
                      Map<String, String> ids, int status, Outcome outcome, List<Problem> errors, String body,
                      boolean bodyTruncated, Attempt attempt) {
    this(seq, at, direction, method, path, eventId, eventType, correlationId, senderMpid, recipientMpid, keys, ids, status,
        outcome, errors, body, bodyTruncated, attempt, Instant.now());
  }

  public JournalEntry {
    // to the millisecond, as the durable journal keeps it, so an entry read back equals the one written
    wallAt = (wallAt == null ? Instant.now() : wallAt).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    method = cut(method, METHOD_MAX);
    path = cut(path, PATH_MAX);
    eventId = cut(eventId, ID_MAX);
    eventType = cut(eventType, ID_MAX);
    correlationId = cut(correlationId, ID_MAX);
    senderMpid = cut(senderMpid, MPID_MAX);
    recipientMpid = cut(recipientMpid, MPID_MAX);
    String mpxn = keys == null ? null : keys.get("mpxn");
    if (mpxn != null && mpxn.length() > MPID_MAX) {
      Map<String, String> k = new java.util.LinkedHashMap<>(keys);
      k.put("mpxn", cut(mpxn, MPID_MAX));
      keys = java.util.Collections.unmodifiableMap(k);
    }
  }

  private static String cut(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(max - 2)) ? max - 2 : max - 1;   // never half a character
    return value.substring(0, end) + CUT;
  }

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

  /**
   * A message {@code sender} sent (or tried to) to {@code recipient}: handed to a simulated
   * party, queued for a physical one, refused, or one delivery attempt ({@code attempt}, with
   * the URL and status it had). The sender is the message's own, or the hub that passes it on.
   */
  public static JournalEntry sent(Instant at, Message m, String sender, String recipient, Map<String, String> keys,
                                  Outcome outcome, List<Problem> errors, Attempt attempt) {
    return new JournalEntry(0, at, Direction.OUT, attempt == null ? null : "POST", attempt == null ? null : attempt.url(),
        m.eventId(), m.eventType(), m.correlationId(), sender, recipient, keys, Map.of(),
        attempt == null ? 0 : attempt.status(), outcome, errors, m.text(), false, attempt);
  }

  /** An operator's change ({@code change}: ConnectionChanged, FaultsChanged, ...) to {@code mpid}, with its details as JSON. */
  public static JournalEntry change(Instant at, String method, String path, String change, String mpid, String detail) {
    return new JournalEntry(0, at, Direction.ADMIN, method, path, null, change, null, mpid, null, Map.of(), Map.of(), 0,
        Outcome.ACCEPTED, List.of(), detail, false, null);
  }

  public String mpxn() {
    return keys.get("mpxn");
  }

  /** The same entry with the sequence number the store gave it. */
  public JournalEntry withSeq(long s) {
    return new JournalEntry(s, at, direction, method, path, eventId, eventType, correlationId, senderMpid, recipientMpid,
        keys, ids, status, outcome, errors, body, bodyTruncated, attempt, wallAt);
  }
}
