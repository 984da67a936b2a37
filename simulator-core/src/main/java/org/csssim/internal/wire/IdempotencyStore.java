package org.csssim.internal.wire;

import io.vertx.core.Future;
import java.util.Arrays;
import org.csssim.internal.unit.Unit;

/**
 * Remembers the acknowledgement of every accepted eventId, so a resend gets the same answer
 * and a reuse with another body is refused. The intake's port; the store implements it (in
 * memory, bounded; or in memory with every claim written to the database).
 */
public interface IdempotencyStore {
  /**
   * Records {@code ack} for its eventId unless one is already recorded; the answer says which.
   * Atomic: of two concurrent claims of one eventId exactly one is {@link Claim#fresh()}. A
   * fresh claim's record commits with {@code unit} (the accepted message's journal entry).
   */
  Future<Claim> claim(StoredAck ack, Unit unit);

  /** Forgets a claim whose message could not be journaled, so a retry is processed afresh. */
  Future<Void> release(String eventId);

  Stats stats();

  /** What was answered for an accepted message, and a digest of the body it came with. */
  record StoredAck(String eventId, byte[] bodyDigest, byte[] ackBody) {
    public boolean sameBody(byte[] digest) {
      return Arrays.equals(bodyDigest, digest);
    }
  }

  /** {@code existing} is the earlier claim when this one is not fresh. */
  record Claim(boolean fresh, StoredAck existing) {}

  record Stats(long size, long capacity, long forgotten) {}
}
