package org.csssim.journal;

import io.vertx.core.Future;
import java.util.List;

/** A journal that adds something to another one's appends (counting, logging, publishing) and forwards the rest. */
public abstract class ForwardingJournal implements JournalStore {
  protected final JournalStore inner;

  protected ForwardingJournal(JournalStore inner) {
    this.inner = inner;
  }

  @Override
  public Future<Long> append(JournalEntry entry) {
    return inner.append(entry);
  }

  @Override
  public Future<List<JournalEntry>> query(JournalQuery query) {
    return inner.query(query);
  }

  @Override
  public Stats stats() {
    return inner.stats();
  }
}
