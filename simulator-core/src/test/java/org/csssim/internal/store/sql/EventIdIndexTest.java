package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.csssim.internal.id.Hash64;
import org.junit.jupiter.api.Test;

/** The heap's index of the eventIds a durable store holds claims for. */
class EventIdIndexTest {
  /** The one thing it may never do: answer "not held" for a claim of the window (a resend would be processed again). */
  @Property(tries = 200)
  void holdsTheNewestClaimsUpToItsCapacityWhateverCameBefore(@ForAll @IntRange(min = 1, max = 3_000) int capacity,
                                                             @ForAll @IntRange(min = 0, max = 10_000) int added,
                                                             @ForAll @IntRange(min = 0, max = 1_000_000) int salt) {
    EventIdIndex index = new EventIdIndex(capacity);
    for (int i = 0; i < added; i++) {
      index.add(salt + "-" + i);
    }
    for (int i = Math.max(0, added - capacity); i < added; i++) {
      assertTrue(index.mayHold(salt + "-" + i), "claim " + i + " of " + added + " at capacity " + capacity);
    }
    assertEquals(Math.min(added, capacity), index.size());
    assertEquals(Math.max(0, added - capacity), index.forgotten());
  }

  @Test
  void answersNewEventIdsWithoutTheStoreAllButAboutOneInAHundred() {
    EventIdIndex index = new EventIdIndex(100_000);
    for (int i = 0; i < 100_000; i++) {
      index.add("claimed-" + i);
    }
    int held = 0;
    for (int i = 0; i < 100_000; i++) {
      if (index.mayHold("never-" + i)) {
        held++;
      }
    }
    assertTrue(held < 1_000, held + " of 100,000 new eventIds would be looked up in the store");
  }

  @Test
  void forgetsClaimsOlderThanItsGenerationsAndStopsGrowing() {
    EventIdIndex index = new EventIdIndex(1_000);
    for (int i = 0; i < 3_000; i++) {
      index.add("early-" + i);
    }
    long bytes = index.bytes();
    for (int i = 0; i < 30_000; i++) {
      index.add("late-" + i);
    }
    assertEquals(bytes, index.bytes(), "the same heap after ten times as many claims");
    assertTrue(bytes <= (EventIdIndex.GENERATIONS + 1) * (1_000 / EventIdIndex.GENERATIONS * EventIdIndex.BITS_PER_CLAIM / 8 + 8),
        bytes + " bytes");
    int stillHeld = 0;
    for (int i = 0; i < 3_000; i++) {
      if (index.mayHold("early-" + i)) {
        stillHeld++;
      }
    }
    assertTrue(stillHeld < 90, stillHeld + " of 3,000 claims older than the window still held");
    assertEquals(1_000, index.size());
    assertEquals(32_000, index.forgotten());
  }

  @Test
  void anEventIdAddedTwiceIsHeldWhileEitherIsInTheWindow() {
    EventIdIndex index = new EventIdIndex(4);
    index.add("x");
    for (int i = 0; i < 3; i++) {
      index.add("other-" + i);
    }
    index.add("x");
    for (int i = 3; i < 6; i++) {
      index.add("other-" + i);
    }
    assertTrue(index.mayHold("x"), "the second claim is among the newest four");
  }

  @Test
  void aPartialIndexMayHoldAnythingUntilTheOlderClaimsArePutBeforeItsOwn() {
    EventIdIndex index = EventIdIndex.partial(8);
    index.add("new-1");
    assertTrue(index.mayHold("anything"), "partial: the store may hold any eventId");

    long[] older = new long[20];
    for (int i = 0; i < older.length; i++) {
      older[i] = Hash64.of("old-" + i);
    }
    index.addOlder(older);
    assertFalse(index.mayHold("anything"));
    assertTrue(index.mayHold("new-1"), "the claim made while partial stays the newest");
    for (int i = 13; i < 20; i++) {
      assertTrue(index.mayHold("old-" + i), "old-" + i + " is among the newest eight");
    }
    assertFalse(index.mayHold("old-0"), "the oldest of the older claims are forgotten, not the new one");
    assertEquals(8, index.size());
    assertEquals(13, index.forgotten());
  }
}
