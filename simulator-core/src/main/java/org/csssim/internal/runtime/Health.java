package org.csssim.internal.runtime;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.csssim.internal.http.HealthCheck;
import org.csssim.internal.journal.JournalStore;
import org.csssim.internal.store.Store;
import org.csssim.internal.wire.IdempotencyStore;

/** What {@code /health} checks and {@code /version} says, read from the running components at each request. */
final class Health {
  private Health() {}

  static List<HealthCheck> checks(Assembly a) {
    return List.of(
        new HealthCheck("listener", HealthCheck::up),
        new HealthCheck("catalogue", () -> HealthCheck.up().put("name", a.catalogue.name()).put("release", a.catalogue.release())
            .put("types", a.catalogue.types().size())),
        new HealthCheck("scenarios", () -> HealthCheck.up().put("pack", a.engine.pack().name())
            .put("version", a.engine.pack().version()).put("unhandledMessages", a.engine.unhandled())),
        new HealthCheck("journal", () -> {
          JournalStore.Stats j = a.journal.stats();
          return HealthCheck.degradedIf(j.evicted() > 0, "the journal is full; the oldest entries are being evicted")
              .put("size", j.size()).put("capacity", j.bound()).put("evicted", j.evicted());
        }),
        new HealthCheck("idempotency", () -> {
          IdempotencyStore.Stats i = a.store.idempotency().stats();
          return HealthCheck.degradedIf(i.forgotten() > 0,
                  "the oldest eventIds are forgotten; a resend of one would be processed again")
              .put("size", i.size()).put("capacity", i.capacity()).put("forgotten", i.forgotten());
        }),
        new HealthCheck("store", () -> {
          Store.Status st = a.store.status();
          JsonObject c = HealthCheck.degradedIf(st.failing(), "writes to the store are failing; see the log")
              .put("kind", st.kind()).put("where", st.where());
          if (st.committed() != null) {
            c.put("committed", st.committed()).put("commits", st.commits()).put("failedWrites", st.failedWrites())
                .put("exportedByRetention", st.exportedByRetention());
          }
          if (st.lastFailure() != null) {
            c.put("lastFailure", new JsonObject().put("at", st.lastFailure().at().toString())
                .put("error", st.lastFailure().error()));
          }
          return c;
        }));
  }

  static JsonObject version(Assembly a) {
    return new JsonObject()
        .put("simulator", Simulator.version())
        .put("catalogue", new JsonObject().put("name", a.catalogue.name()).put("release", a.catalogue.release())
            .put("receiver", a.catalogue.receiver()))
        .put("scenarioPack", new JsonObject().put("name", a.engine.pack().name()).put("version", a.engine.pack().version()))
        .put("environment", a.config.instance().environment())
        .put("instance", a.config.instance().name());
  }
}
