package org.csssim.delivery;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Messages for physical parties: queued per recipient, delivered to their webhooks, retried,
 * dead-lettered when every attempt failed. A message waits while its party has no webhook for
 * its type.
 */
public interface Outbox {
  void enqueue(OutboundMessage message);

  /** The messages not yet acknowledged by {@code mpid}'s system, oldest first. */
  Future<List<OutboundMessage>> pending(String mpid);

  /** Messages whose every attempt failed, for {@code mpid} (or every party when null). */
  Future<List<OutboundMessage>> deadLetters(String mpid);

  /** How many wait, per party. */
  Future<Map<String, Integer>> backlog();
}
