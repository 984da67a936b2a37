package org.csssim.delivery;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.csssim.error.Problem;
import org.csssim.journal.JournalEntry;
import org.csssim.journal.JournalStore;
import org.csssim.party.Party;
import org.csssim.party.PartyRegistry;

/**
 * Where every message a simulated party sends goes: to another simulated party's scripts, or
 * into a physical party's outbox for delivery to its system. Either way it is journaled, so a
 * simulated party and a physical one look the same to the rest of the system.
 */
public final class MessageRouter {
  private final Supplier<PartyRegistry> parties;
  private final Outbox outbox;
  private final JournalStore journal;
  private final Clock clock;
  private Consumer<OutboundMessage> simulated = m -> {
    throw new IllegalStateException("no scenario engine takes messages for simulated parties");
  };

  public MessageRouter(Supplier<PartyRegistry> parties, Outbox outbox, JournalStore journal, Clock clock) {
    this.parties = parties;
    this.outbox = outbox;
    this.journal = journal;
    this.clock = clock;
  }

  /** Where messages for simulated parties go (the scenario engine). */
  public void deliverSimulatedTo(Consumer<OutboundMessage> engine) {
    this.simulated = engine;
  }

  public Outbox outbox() {
    return outbox;
  }

  /** Routes {@code m}; the recipient must be a party of this instance (the caller checked). */
  public void send(OutboundMessage m) {
    Party to = parties.get().party(m.recipientMpid()).orElseThrow();
    JournalEntry.Outcome outcome = to.physical() ? JournalEntry.Outcome.QUEUED : JournalEntry.Outcome.DELIVERED;
    journal.append(entry(m, outcome, List.of()));
    if (to.physical()) {
      outbox.enqueue(m);
    } else {
      simulated.accept(m);
    }
  }

  /** Hands a message to the recipient's system (it became physical while the message was on its way to its scripts). */
  public void toSystem(OutboundMessage m) {
    journal.append(entry(m, JournalEntry.Outcome.QUEUED, List.of()));
    outbox.enqueue(m);
  }

  /** Journals a message a script tried to send but could not (its errors say why). */
  public void failed(OutboundMessage m, List<Problem> errors) {
    journal.append(entry(m, JournalEntry.Outcome.FAILED, errors));
  }

  private JournalEntry entry(OutboundMessage m, JournalEntry.Outcome outcome, List<Problem> errors) {
    return JournalEntry.sent(clock.instant(), m.message(), m.recipientMpid(), m.keys(), outcome, errors, null);
  }

}
