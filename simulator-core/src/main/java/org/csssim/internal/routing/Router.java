package org.csssim.internal.routing;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.csssim.internal.error.Problem;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.party.Party;
import org.csssim.internal.party.PartyRegistry;
import org.csssim.internal.unit.Unit;

/**
 * Who receives a message, in which mode: the one place that knows both destinations. A message
 * for a simulated party goes to its scripts, one for a physical party to its system; either way
 * what a simulated party sends is journaled here, so a simulated party and a physical one look
 * the same to the rest of the system. The mode is read when the message is routed: what is on
 * its way when a party is swapped goes where the party was when it was sent (see
 * {@code party.Connections}).
 */
public final class Router {
  private final Supplier<PartyRegistry> parties;
  private final JournalStore journal;
  private final Clock clock;
  private final Destination simulated;
  private final Destination physical;

  public Router(Supplier<PartyRegistry> parties, JournalStore journal, Clock clock, Destination simulated,
                Destination physical, Outlet outlet) {
    this.parties = parties;
    this.journal = journal;
    this.clock = clock;
    this.simulated = simulated;
    this.physical = physical;
    outlet.bind(this);
  }

  /**
   * A message from outside (accepted by the intake, which journaled it) for a party of this
   * instance. Only a simulated party's scripts act on it; nothing here forwards what one physical
   * system sent to another, so for a physical recipient (or none) nothing happens.
   */
  public Future<Optional<Reply>> accept(Routed m, Unit unit) {
    Party to = parties.get().party(m.recipientMpid()).orElse(null);
    if (to == null || to.physical()) {
      return Destination.NO_REPLY;
    }
    return simulated.take(m, unit);
  }

  /** A message a simulated party sends: journaled (with {@code unit}), and handed to its recipient's destination. */
  public void send(Routed m, Unit unit) {
    Party to = parties.get().party(m.recipientMpid()).orElseThrow(() ->
        new IllegalArgumentException("no party " + m.recipientMpid() + " to route " + m.eventType() + " to"));
    JournalEntry.Outcome outcome = to.physical() ? JournalEntry.Outcome.QUEUED : JournalEntry.Outcome.DELIVERED;
    journal.append(JournalEntry.sent(clock.instant(), m.message(), m.senderMpid(), m.recipientMpid(), m.keys(), outcome, List.of(), null),
        unit);
    (to.physical() ? physical : simulated).take(m, unit);
  }

  void refused(Routed m, List<Problem> errors) {
    journal.append(JournalEntry.sent(clock.instant(), m.message(), m.senderMpid(), m.recipientMpid(), m.keys(),
        JournalEntry.Outcome.FAILED, errors, null));
  }
}
