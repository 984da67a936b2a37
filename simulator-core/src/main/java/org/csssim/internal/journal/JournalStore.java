package org.csssim.internal.journal;

import io.vertx.core.Future;
import java.util.List;
import org.csssim.internal.unit.Unit;

/**
 * Where every message in and out is recorded: the journal's port, implemented by the store
 * (bounded in heap, or in the database). Asynchronous so that a durable store can make an
 * accepted message durable before its acknowledgement leaves, without blocking an event loop.
 */
public interface JournalStore {
  /** Records the entry on its own; the future completes when it is stored, with the sequence number given. */
  Future<Long> append(JournalEntry entry);

  /**
   * Records the entry with the other changes of {@code unit}; it is seen by queries at once.
   * The future completes with its sequence number (given at once; stored when the unit commits).
   */
  Future<Long> append(JournalEntry entry, Unit unit);

  Future<List<JournalEntry>> query(JournalQuery query);

  /** Size, bound and evictions, for {@code /health} and the operator. */
  Stats stats();

  /** {@code capacity} 0: not bounded by a capacity (a durable journal; retention prunes it). */
  record Stats(long size, long capacity, long evicted, long appended) {
    /** The capacity as the API shows it: null when there is none. */
    public Long bound() {
      return capacity > 0 ? capacity : null;
    }
  }
}
