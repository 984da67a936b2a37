package org.csssim.internal.unit;

import io.vertx.core.Future;

/** Where units of work come from: the store's. */
public interface Units {
  /** A new, empty unit. */
  Unit begin();

  /**
   * Completes when there is room for more changes: at once, unless a backlog of them waits to
   * be committed. Work that can wait (the timer pump during a clock jump over many instances)
   * asks before going on, so the backlog, and the heap, stays bounded.
   */
  Future<Void> room();
}
