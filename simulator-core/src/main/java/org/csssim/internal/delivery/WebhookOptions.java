package org.csssim.internal.delivery;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;
import org.csssim.internal.party.ReceiverUrl;

/** A webhook a physical party's system takes messages on: its URL and the event types (all when none). */
public record WebhookOptions(String url, List<String> eventTypes) {
  public WebhookOptions {
    ReceiverUrl.problem(url, false).ifPresent(problem -> require(false, "url", problem));
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
  }
}
