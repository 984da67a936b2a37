package org.csssim.journal;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where every message in and out is recorded. Asynchronous so that a durable store can make an
 * accepted message durable before its acknowledgement leaves, without blocking an event loop.
 */
public interface JournalStore {
  /** Records the entry; the future completes when it is stored, with the sequence number given. */
  Future<Long> append(JournalEntry entry);

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
