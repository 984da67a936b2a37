package org.csssim.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The simulator's own ids: UUIDs of version 7, each later one sorting after the one before, unique across threads. */
class IdsTest {
  @Test
  void anIdIsAVersion7UuidThatSortsAfterTheOneBefore() {
    String before = Ids.next();
    for (int i = 0; i < 100_000; i++) {
      String id = Ids.next();
      UUID u = UUID.fromString(id);
      assertEquals(7, u.version(), id);
      assertEquals(2, u.variant(), id);   // RFC 9562's variant
      assertTrue(id.compareTo(before) > 0, before + " then " + id);
      before = id;
    }
  }

  @Test
  void itsFirst48BitsAreTheTimeItWasMadeAt() {
    long from = System.currentTimeMillis();
    long at = UUID.fromString(Ids.next()).getMostSignificantBits() >>> 16;
    long to = System.currentTimeMillis();
    assertTrue(at >= from && at <= to, from + " <= " + at + " <= " + to);
  }

  @Test
  void idsMadeOnSeveralThreadsAtOnceAreAllDifferent() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> made = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        made.add(threads.submit(() -> {
          List<String> ids = new ArrayList<>();
          for (int i = 0; i < 50_000; i++) {
            ids.add(Ids.next());
          }
          return ids;
        }));
      }
      Set<String> all = new HashSet<>();
      for (Future<List<String>> f : made) {
        all.addAll(f.get());
      }
      assertEquals(200_000, all.size());
    } finally {
      threads.shutdownNow();
    }
  }
}
