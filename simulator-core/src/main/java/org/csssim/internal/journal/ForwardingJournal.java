package org.csssim.internal.journal;

import io.vertx.core.Future;
import java.util.List;
import org.csssim.internal.unit.Unit;

/**
 * A journal that adds something to another one's appends (counting, logging, publishing) and
 * forwards the rest. A decorator says what it adds in {@link #appending} (before the entry is
 * stored) or {@link #appended} (once it has its sequence number); both kinds of append tell it.
 */
public abstract class ForwardingJournal implements JournalStore {
  protected final JournalStore inner;

  protected ForwardingJournal(JournalStore inner) {
    this.inner = inner;
  }

  /** Told of every entry before it is appended. */
  protected void appending(JournalEntry e) {
  }

  /** Told of every entry once it is appended, with its sequence number. */
  protected void appended(JournalEntry e, long seq) {
  }

  @Override
  public final Future<Long> append(JournalEntry entry) {
    appending(entry);
    return inner.append(entry).onSuccess(seq -> appended(entry, seq));
  }

  @Override
  public final Future<Long> append(JournalEntry entry, Unit unit) {
    appending(entry);
    return inner.append(entry, unit).onSuccess(seq -> appended(entry, seq));
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
