package org.csssim.internal.unit;

import io.vertx.core.Future;

/**
 * Changes that commit together or not at all: an accepted message's journal entry, eventId
 * claim and inbox entry; or one step of a script (its instance's new state, the messages it
 * sent, the registrations it saved, the inbox entry it handled), so that after a crash either
 * all of a step is there or none of it, and its inbox entry is handled again.
 *
 * <p>Begun by the component that owns the work ({@link Units#begin()}), handed explicitly to
 * every port it changes, and committed once by that component. A port adds its changes to the
 * unit and may act once {@link #committed()} completes (webhook delivery sends a message only
 * once its outbox entry is committed).
 */
public interface Unit {
  /** Queues what was added for one commit; completes when it is committed. Called once, by whoever began the unit. */
  Future<Void> commit();

  /** The outcome of {@link #commit()}, for the ports that added to the unit but do not commit it. */
  Future<Void> committed();
}
