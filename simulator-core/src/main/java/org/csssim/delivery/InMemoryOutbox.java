package org.csssim.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outbox in heap. Appended to by the scenario engine, read by the admin API from other threads. */
public final class InMemoryOutbox implements Outbox {
  private final Map<String, List<OutboundMessage>> byParty = new LinkedHashMap<>();

  @Override
  public synchronized void enqueue(OutboundMessage message) {
    byParty.computeIfAbsent(message.recipientMpid(), k -> new ArrayList<>()).add(message);
  }

  @Override
  public synchronized List<OutboundMessage> pending(String mpid) {
    return List.copyOf(byParty.getOrDefault(mpid, List.of()));
  }

  @Override
  public synchronized Map<String, Integer> backlog() {
    Map<String, Integer> out = new LinkedHashMap<>();
    byParty.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }
}
