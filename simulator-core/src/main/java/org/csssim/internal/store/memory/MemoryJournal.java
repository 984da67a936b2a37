package org.csssim.internal.store.memory;

import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.unit.Unit;

/**
 * A bounded journal in heap: when full, the oldest entry makes room and is counted as evicted,
 * so an operator can see that history was lost. Appends from several event loops take a short
 * lock; queries copy what matches under it.
 */
public final class MemoryJournal implements JournalStore {
  private final int capacity;
  private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
  private long nextSeq = 1;
  private long evicted;

  public MemoryJournal(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  @Override
  public Future<Long> append(JournalEntry entry) {
    long seq;
    synchronized (entries) {
      seq = nextSeq++;
      if (entries.size() == capacity) {
        entries.removeFirst();
        evicted++;
      }
      entries.addLast(entry.withSeq(seq));
    }
    return Future.succeededFuture(seq);
  }

  /** In heap there is nothing to commit: the entry is stored at once, whatever becomes of the unit. */
  @Override
  public Future<Long> append(JournalEntry entry, Unit unit) {
    return append(entry);
  }

  @Override
  public Future<List<JournalEntry>> query(JournalQuery query) {
    List<JournalEntry> out = new ArrayList<>();
    synchronized (entries) {
      java.util.Iterator<JournalEntry> it = query.newestFirst() ? entries.descendingIterator() : entries.iterator();
      while (it.hasNext()) {
        JournalEntry e = it.next();
        if (query.matches(e)) {
          out.add(e);
          if (out.size() >= query.limit()) {
            break;
          }
        }
      }
    }
    return Future.succeededFuture(out);
  }

  @Override
  public Stats stats() {
    synchronized (entries) {
      return new Stats(entries.size(), capacity, evicted, nextSeq - 1);
    }
  }
}
