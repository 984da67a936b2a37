package org.csssim.internal.delivery;

import static org.csssim.internal.yaml.InvalidValue.require;

import java.util.List;

/** A webhook a physical party's system takes messages on: its URL and the event types (all when none). */
public record WebhookOptions(String url, List<String> eventTypes) {
  public WebhookOptions {
    require(url != null && (url.startsWith("https://") || url.startsWith("http://")), "url",
        "a webhook url starts with https:// (or http://)");
    eventTypes = eventTypes == null ? List.of() : List.copyOf(eventTypes);
  }
}
