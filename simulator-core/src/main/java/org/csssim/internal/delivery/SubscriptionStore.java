package org.csssim.internal.delivery;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Webhook subscriptions made through the admin API, as documents by id: {@link Subscriptions}' port. */
public interface SubscriptionStore {
  void save(String id, JsonObject subscription);

  void remove(String id);

  Future<List<JsonObject>> all();
}
