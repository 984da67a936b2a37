package org.csssim.internal.delivery;

import java.time.Instant;
import java.util.Set;

/** A physical party's webhook: where its messages of these event types (all when empty) are delivered. */
public record Subscription(String id, String mpid, String url, Set<String> eventTypes, Instant created, String source) {
  public boolean takes(String mpid, String eventType) {
    return this.mpid.equals(mpid) && (eventTypes.isEmpty() || eventTypes.contains(eventType) || eventTypes.contains("*"));
  }
}
