package org.csssim.internal.journal;

import java.time.Instant;

/**
 * Filters on the journal; null means "any". Results come oldest first, at most {@code limit};
 * with {@code newestFirst}, the newest {@code limit} come, newest first. {@code afterSeq} and
 * {@code beforeSeq} (exclusive) page through it: the next page older is {@code beforeSeq} the
 * last one shown, the next newer {@code afterSeq} the first.
 */
public record JournalQuery(String eventId, String correlationId, String mpxn, String mpid, String eventType,
                           Instant since, Instant until, int limit, Long afterSeq, Long beforeSeq, boolean newestFirst) {
  public JournalQuery(String eventId, String correlationId, String mpxn, String mpid, String eventType,
                      Instant since, Instant until, int limit) {
    this(eventId, correlationId, mpxn, mpid, eventType, since, until, limit, null, null, false);
  }

  public static JournalQuery all(int limit) {
    return new JournalQuery(null, null, null, null, null, null, null, limit);
  }

  public static JournalQuery byEventId(String eventId) {
    return new JournalQuery(eventId, null, null, null, null, null, null, Integer.MAX_VALUE);
  }

  public boolean matches(JournalEntry e) {
    return (eventId == null || eventId.equals(e.eventId()))
        && (correlationId == null || correlationId.equals(e.correlationId()))
        && (mpxn == null || mpxn.equals(e.mpxn()))
        && (mpid == null || mpid.equals(e.senderMpid()) || mpid.equals(e.recipientMpid()))
        && (eventType == null || eventType.equals(e.eventType()))
        && (since == null || !e.at().isBefore(since))
        && (until == null || e.at().isBefore(until))
        && (afterSeq == null || e.seq() > afterSeq)
        && (beforeSeq == null || e.seq() < beforeSeq);
  }
}
