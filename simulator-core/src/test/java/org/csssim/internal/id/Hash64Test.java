package org.csssim.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hash the heap's sets of eventIds and dormant instances' keys hold in place of the text. */
class Hash64Test {
  @Test
  void twoHundredThousandTextsHaveAsManyHashes() {
    Set<Long> hashes = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      hashes.add(Hash64.of(UUID.randomUUID().toString()));
      hashes.add(Hash64.of("event-" + i));
    }
    assertEquals(200_000, hashes.size());
    assertNotEquals(Hash64.of("ab"), Hash64.of("ba"));
  }
}
