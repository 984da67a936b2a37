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

  record Stats(long size, long capacity, long evicted, long appended) {}
}
