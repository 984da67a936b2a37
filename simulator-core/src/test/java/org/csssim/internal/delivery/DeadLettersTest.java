package org.csssim.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.internal.message.Message;
import org.csssim.internal.routing.Routed;
import org.junit.jupiter.api.Test;

/** The dead letters' index: by party in the order sent, found by eventId, each once; whole only where the store does not keep them. */
class DeadLettersTest {
  private static Routed to(String mpid, String eventId) {
    Message m = Message.of("{\"eventId\":\"" + eventId + "\",\"eventType\":\"RegistrationPendingNotification\"}");
    return Routed.sent(m, mpid, Map.of(), Instant.parse("2026-12-01T09:00:00Z"));
  }

  @Test
  void onAStoreThatKeepsThemOnlyTheirIdsAreHeldInTheOrderSentAndEachIsFoundByItsEventId() {
    DeadLetters dead = new DeadLetters(true);
    assertTrue(dead.add(7, "SUPA", "e7", null));
    assertTrue(dead.add(3, "SUPA", "e3", null));
    assertTrue(dead.add(5, "SUPC", "e5", null));
    assertFalse(dead.add(7, "SUPA", "e7", null), "an injected duplicate, the same outbox entry, is kept once");
    assertArrayEquals(new long[] {3, 7}, dead.ids("SUPA"), "in the order sent, not the order they died");
    assertArrayEquals(new long[] {3, 5, 7}, dead.ids(null));
    assertEquals(List.of(), dead.here(dead.ids(null)), "the store has them");
    assertEquals(new DeadLetters.Taken(7, "SUPA"), dead.remove("e7"));
    assertNull(dead.remove("e7"), "once");
    assertNull(dead.remove("no-such-event"));
    assertArrayEquals(new long[] {3}, dead.ids("SUPA"));
  }

  @Test
  void onAStoreThatDoesNotKeepThemTheyAreHeldWhole() {
    DeadLetters dead = new DeadLetters(false);
    Routed m = to("SUPA", "e1");
    dead.add(1, "SUPA", "e1", m);
    assertEquals(List.of(m), dead.here(dead.ids("SUPA")));
    dead.remove("e1");
    assertEquals(List.of(), dead.here(new long[] {1}));
  }
}
