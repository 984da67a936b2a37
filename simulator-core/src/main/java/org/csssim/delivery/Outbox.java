package org.csssim.delivery;

import java.util.List;
import java.util.Map;

/**
 * Messages waiting for a physical party, per recipient, in the order they were sent. Webhook
 * delivery takes them from here; until a party has a webhook they wait.
 */
public interface Outbox {
  void enqueue(OutboundMessage message);

  /** The messages waiting for {@code mpid}, oldest first. */
  List<OutboundMessage> pending(String mpid);

  /** How many wait, per party. */
  Map<String, Integer> backlog();
}
