package org.csssim.internal.journal;

import io.vertx.core.eventbus.EventBus;

/** Publishes every entry on the event bus (without its body), for the live journal of the dashboard. */
public final class PublishedJournal extends ForwardingJournal {
  public static final String ADDRESS = "csssim.journal";

  private final EventBus bus;

  public PublishedJournal(JournalStore inner, EventBus bus) {
    super(inner);
    this.bus = bus;
  }

  @Override
  protected void appended(JournalEntry e, long seq) {
    bus.publish(ADDRESS, JournalExport.json(e.withSeq(seq), false));
  }
}
