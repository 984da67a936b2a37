package org.csssim.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The webhook subscriptions and every change to them (when, by whom, why). Read by the delivery
 * context, changed by the admin API: methods are synchronized and return copies. A listener is
 * told of each new subscription, so messages waiting for one go out.
 */
public final class Subscriptions {
  /** A change: added or removed, which subscription, by which token (or the configuration), why. */
  public record Change(Instant at, String action, Subscription subscription, String by, String reason) {}

  private final List<Subscription> subscriptions = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();
  private Consumer<Subscription> onAdded = s -> { };

  public synchronized void onAdded(Consumer<Subscription> listener) {
    this.onAdded = listener;
  }

  public void add(Subscription s, String by, String reason) {
    Consumer<Subscription> listener;
    synchronized (this) {
      subscriptions.add(s);
      changes.add(new Change(s.created(), "added", s, by, reason));
      listener = onAdded;
    }
    listener.accept(s);
  }

  public synchronized Optional<Subscription> remove(String id, Instant at, String by, String reason) {
    Optional<Subscription> found = subscriptions.stream().filter(s -> s.id().equals(id)).findFirst();
    found.ifPresent(s -> {
      subscriptions.remove(s);
      changes.add(new Change(at, "removed", s, by, reason));
    });
    return found;
  }

  /** The first subscription that takes this party's messages of this type. */
  public synchronized Optional<Subscription> find(String mpid, String eventType) {
    return subscriptions.stream().filter(s -> s.takes(mpid, eventType)).findFirst();
  }

  public synchronized boolean any(String mpid) {
    return subscriptions.stream().anyMatch(s -> s.mpid().equals(mpid));
  }

  public synchronized List<Subscription> all() {
    return List.copyOf(subscriptions);
  }

  public synchronized List<Change> changes() {
    return List.copyOf(changes);
  }
}
