package org.csssim.internal.party;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Each party's connection as the operator last set it, as a document by mpid: {@link Connections}' port. */
public interface ConnectionStore {
  void save(String mpid, JsonObject connection);

  Future<List<JsonObject>> all();
}
