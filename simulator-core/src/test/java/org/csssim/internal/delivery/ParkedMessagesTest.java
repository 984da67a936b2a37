package org.csssim.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.message.Message;
import org.csssim.internal.routing.Routed;
import org.junit.jupiter.api.Test;

/** What waits in the store for a party: its order, the pages read back, and what the store does not have. */
class ParkedMessagesTest {
  private final ParkedMessages parked = new ParkedMessages();

  private static Routed to(String mpid, String eventId) {
    Message m = Message.of("{\"eventId\":\"" + eventId + "\",\"eventType\":\"RegistrationPendingNotification\"}");
    return Routed.sent(m, mpid, Map.of(), Instant.parse("2026-12-01T09:00:00Z"));
  }

  @Test
  void pagesComeInTheOrderParkedAndStopAtTheFirstMessageNotYetCommitted() {
    parked.park("SUPA", 1, null);
    parked.park("SUPA", 2, null);
    parked.park("SUPA", 3, to("SUPA", "e3"));
    parked.park("SUPA", 4, null);
    assertEquals(4, parked.count("SUPA"));
    assertArrayEquals(new long[] {1}, parked.take("SUPA", 1), "a page of one");
    assertArrayEquals(new long[0], parked.take("SUPA", 10), "nothing while a page is being read");
    parked.read("SUPA");
    assertArrayEquals(new long[] {2}, parked.take("SUPA", 10), "up to 3, not yet in the store");
    parked.read("SUPA");
    assertTrue(parked.holds("SUPA"), "3 and 4 still wait: a new message parks behind them");
    parked.settled("SUPA", 3, false);
    assertArrayEquals(new long[] {3, 4}, parked.take("SUPA", 10));
    parked.read("SUPA");
    assertFalse(parked.holds("SUPA"));
    assertEquals(0, parked.count("SUPA"));
  }

  @Test
  void aPageThatCouldNotBeReadGoesBackToTheFront() {
    parked.park("SUPA", 1, null);
    parked.park("SUPA", 2, null);
    long[] page = parked.take("SUPA", 1);
    parked.unread("SUPA", page);
    assertEquals(2, parked.count("SUPA"));
    assertArrayEquals(new long[] {1, 2}, parked.take("SUPA", 5));
  }

  @Test
  void aMessageWhoseWriteFailedIsKeptWholeAndOneNotYetCommittedIsShownFromHere() {
    Routed failed = to("SUPA", "e1");
    Routed waiting = to("SUPA", "e3");
    parked.park(failed.recipientMpid(), 1, failed);
    parked.park("SUPA", 2, null);
    parked.park(waiting.recipientMpid(), 3, waiting);
    parked.settled("SUPA", 1, true);
    ParkedMessages.Snapshot now = parked.snapshot("SUPA");
    assertArrayEquals(new long[] {2}, now.stored(), "only 2 is read from the store");
    assertEquals(List.of(failed, waiting), now.here());
    assertArrayEquals(new long[] {1, 2}, parked.take("SUPA", 5));
    assertSame(failed, parked.unstored("SUPA", 1));
    assertNull(parked.unstored("SUPA", 2), "the store has it");
  }

  @Test
  void aPageBeingReadBackIsStillListedFirstUntilItIsQueued() {
    Routed failed = to("SUPA", "e1");
    parked.park("SUPA", 1, failed);
    parked.settled("SUPA", 1, true);
    parked.park("SUPA", 2, null);
    parked.park("SUPA", 3, null);
    assertArrayEquals(new long[] {1, 2}, parked.take("SUPA", 2));
    ParkedMessages.Snapshot reading = parked.snapshot("SUPA");
    assertArrayEquals(new long[] {2, 3}, reading.stored(), "the page's stored message, then the rest");
    assertEquals(List.of(failed), reading.here(), "the page's message the store does not have");
    assertEquals(3, parked.count("SUPA"));
    parked.unstored("SUPA", 1);
    parked.read("SUPA");
    assertArrayEquals(new long[] {3}, parked.snapshot("SUPA").stored(), "once queued to send, listed from the queue instead");
    assertEquals(List.of(), parked.snapshot("SUPA").here());
  }

  @Test
  void partiesWaitApart() {
    parked.park("SUPA", 1, null);
    parked.park("SUPC", 2, null);
    assertArrayEquals(new long[] {2}, parked.take("SUPC", 5));
    assertArrayEquals(new long[] {1}, parked.take("SUPA", 5), "SUPC's page being read does not hold up SUPA");
  }
}
