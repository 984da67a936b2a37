package org.csssim.internal.delivery;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The webhook subscriptions and every change to them (when, by whom, why). Read by the delivery
 * context, changed by the admin API: methods are synchronized and return copies. A listener is
 * told of each new subscription, so messages waiting for one go out.
 */
public final class Subscriptions {
  /** A change: added or removed, which subscription, by which token (or the configuration), why. */
  public record Change(Instant at, String action, Subscription subscription, String by, String reason) {}

  /** The source of subscriptions made from the configuration: made again at every start, so not stored. */
  public static final String CONFIGURATION = "configuration";

  private final List<Subscription> subscriptions = new ArrayList<>();
  private final List<Change> changes = new ArrayList<>();
  private final SubscriptionStore store;
  private Consumer<Subscription> onAdded = s -> { };

  public Subscriptions(SubscriptionStore store) {
    this.store = store;
  }

  /** The subscriptions made through the admin API before a restart, back as they were. */
  public synchronized void load(List<JsonObject> stored) {
    for (JsonObject j : stored) {
      Subscription s = new Subscription(j.getString("id"), j.getString("mpid"), j.getString("url"),
          Set.copyOf(j.getJsonArray("eventTypes").getList()), Instant.parse(j.getString("created")), j.getString("source"));
      subscriptions.add(s);
      changes.add(new Change(s.created(), "added", s, j.getString("by"), j.getString("reason")));
    }
  }

  public synchronized void onAdded(Consumer<Subscription> listener) {
    this.onAdded = listener;
  }

  public void add(Subscription s, String by, String reason) {
    Consumer<Subscription> listener;
    synchronized (this) {
      subscriptions.add(s);
      changes.add(new Change(s.created(), "added", s, by, reason));
      if (!CONFIGURATION.equals(s.source())) {
        store.save(s.id(), new JsonObject().put("id", s.id()).put("mpid", s.mpid()).put("url", s.url())
            .put("eventTypes", new JsonArray(List.copyOf(s.eventTypes()))).put("created", s.created().toString())
            .put("source", s.source()).put("by", by).put("reason", reason));
      }
      listener = onAdded;
    }
    listener.accept(s);
  }

  public synchronized Optional<Subscription> remove(String id, Instant at, String by, String reason) {
    Optional<Subscription> found = subscriptions.stream().filter(s -> s.id().equals(id)).findFirst();
    found.ifPresent(s -> {
      subscriptions.remove(s);
      changes.add(new Change(at, "removed", s, by, reason));
      store.remove(s.id());
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
