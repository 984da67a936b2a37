package org.csssim.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.error.Problem;
import org.csssim.internal.store.memory.MemoryJournal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** One line per message, with its ids and outcome; the payload only when asked for. */
class LoggedJournalTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger("org.csssim.messages");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Level before;

  @BeforeEach
  void capture() {
    before = logger.getLevel();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(before);
  }

  private static JournalEntry entry() {
    return new JournalEntry(0, Instant.now(), JournalEntry.Direction.IN, "POST", "/css/v1/switch-requests", "ev-1",
        "SwitchRequest", "corr-1", "SUPA", null, Map.of("mpxn", "1200023305967"), Map.of(), 422,
        JournalEntry.Outcome.REJECTED, List.of(new Problem("SCHEMA_PATTERN", "bad", "/data/mpxn")),
        "{\"secret\":\"customer name\"}", false, null);
  }

  private String pairs(ILoggingEvent e) {
    return String.valueOf(e.getKeyValuePairs());
  }

  @Test
  void oneLinePerMessageWithItsIdsAndOutcomeButNoPayload() {
    new LoggedJournal(new MemoryJournal(10), false).append(entry());
    assertEquals(1, lines.list.size());
    ILoggingEvent e = lines.list.get(0);
    assertEquals("IN SwitchRequest REJECTED", e.getFormattedMessage());
    String kv = pairs(e);
    for (String expected : List.of("eventId", "ev-1", "corr-1", "SUPA", "422", "SCHEMA_PATTERN")) {
      assertTrue(kv.contains(expected), expected + " in " + kv);
    }
    assertFalse(kv.contains("customer name"), "no payload by default");
  }

  @Test
  void thePayloadWhenAskedFor() {
    new LoggedJournal(new MemoryJournal(10), true).append(entry());
    assertTrue(pairs(lines.list.get(0)).contains("customer name"));
  }
}
