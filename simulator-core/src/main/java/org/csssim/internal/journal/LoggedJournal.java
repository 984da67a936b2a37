package org.csssim.internal.journal;

import org.csssim.internal.error.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One log line per message handled (logger {@code org.csssim.messages}): direction, type, ids,
 * parties, status and outcome, and for a delivery attempt its number, status and latency, as
 * key-value pairs (fields in JSON output). Payloads are logged only when asked for
 * ({@code CSSSIM_LOG_PAYLOADS=true}): test environments may hold copies of production data.
 */
public final class LoggedJournal extends ForwardingJournal {
  private static final Logger LOG = LoggerFactory.getLogger("org.csssim.messages");

  private final boolean payloads;

  public LoggedJournal(JournalStore inner, boolean payloads) {
    super(inner);
    this.payloads = payloads;
  }

  @Override
  protected void appending(JournalEntry e) {
    if (LOG.isInfoEnabled()) {
      LoggingEventBuilder b = LOG.atInfo().addKeyValue("direction", e.direction());
      b = with(b, "eventType", e.eventType());
      b = with(b, "eventId", e.eventId());
      b = with(b, "correlationId", e.correlationId());
      b = with(b, "from", e.senderMpid());
      b = with(b, "to", e.recipientMpid());
      b = b.addKeyValue("status", e.status()).addKeyValue("outcome", e.outcome());
      if (!e.errors().isEmpty()) {
        b = b.addKeyValue("codes", e.errors().stream().map(Problem::code).toList());
      }
      if (e.attempt() != null) {
        b = b.addKeyValue("attempt", e.attempt().number()).addKeyValue("latencyMicros", e.attempt().latencyMicros());
      }
      if (payloads && e.body() != null) {
        b = b.addKeyValue("body", e.body());
      }
      b.log("{} {} {}", e.direction(), e.eventType() == null ? "-" : e.eventType(), e.outcome());
    }
  }

  private static LoggingEventBuilder with(LoggingEventBuilder b, String key, String value) {
    return value == null ? b : b.addKeyValue(key, value);
  }
}
