package org.csssim.journal;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.util.List;

/** Publishes every entry on the event bus (without its body), for the live journal of the dashboard. */
public final class PublishedJournal implements JournalStore {
  public static final String ADDRESS = "csssim.journal";

  private final JournalStore inner;
  private final EventBus bus;

  public PublishedJournal(JournalStore inner, EventBus bus) {
    this.inner = inner;
    this.bus = bus;
  }

  @Override
  public Future<Long> append(JournalEntry e) {
    return inner.append(e).onSuccess(seq -> bus.publish(ADDRESS, JournalExport.json(e.withSeq(seq), false)));
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
