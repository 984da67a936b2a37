package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.csssim.internal.id.Hash64;
import org.junit.jupiter.api.Test;

/** The heap's index of the eventIds a durable store holds claims for. */
class EventIdIndexTest {
  @Test
  void holdsWhatWasAddedAndForgetsTheOldestPastItsCapacity() {
    EventIdIndex index = new EventIdIndex(3);
    for (String id : new String[] {"a", "b", "c", "d"}) {
      index.add(id);
    }
    assertFalse(index.mayHold("a"), "the oldest is forgotten past the capacity");
    assertTrue(index.mayHold("b") && index.mayHold("c") && index.mayHold("d"));
    assertFalse(index.mayHold("e"));
    assertEquals(3, index.size());
    assertEquals(1, index.forgotten());
  }

  @Test
  void anEventIdAddedTwiceIsHeldUntilBothAreForgotten() {
    EventIdIndex index = new EventIdIndex(2);
    index.add("x");
    index.add("x");
    index.add("y");   // forgets the first x
    assertTrue(index.mayHold("x"));
    index.add("z");   // forgets the second
    assertFalse(index.mayHold("x"));
  }

  @Test
  void aPartialIndexMayHoldAnythingUntilTheOlderClaimsArePutBeforeItsOwn() {
    EventIdIndex index = EventIdIndex.partial(3);
    index.add("new-1");
    assertTrue(index.mayHold("anything"), "partial: the store may hold any eventId");

    index.addOlder(new long[] {Hash64.of("old-1"), Hash64.of("old-2"), Hash64.of("old-3")});
    assertFalse(index.mayHold("anything"));
    assertFalse(index.mayHold("old-1"), "past the capacity the oldest of the older claims is forgotten, not the new one");
    assertTrue(index.mayHold("old-2") && index.mayHold("old-3") && index.mayHold("new-1"));
    assertEquals(3, index.size());
    assertEquals(1, index.forgotten());
    index.add("new-2");
    assertFalse(index.mayHold("old-2"), "the older claims stay the oldest");
  }
}
