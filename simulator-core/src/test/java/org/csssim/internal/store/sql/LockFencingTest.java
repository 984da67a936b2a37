package org.csssim.internal.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.csssim.internal.store.StoreOptions;
import org.csssim.testing.Harness;
import org.csssim.testing.StoreKinds;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An active instance on PostgreSQL whose lock's session ends (the database restarted, the
 * network cut it) may have been replaced by its standby, so it must not write again: from then
 * on nothing is accepted (a 500 the sender retries, towards whoever holds the lock now) and
 * health says why.
 */
class LockFencingTest {
  @Test
  void anInstanceThatLostItsLockAcceptsNothingMore() throws Exception {
    String url = StoreKinds.postgresUrl();
    Assumptions.assumeTrue(url != null, "needs PostgreSQL (CSSSIM_TEST_POSTGRES)");
    StoreOptions store = StoreKinds.config(StoreOptions.Kind.postgresql, true);
    try (Harness h = Harness.start(c -> Harness.physical("SUPA").apply(c.withStore(store)))) {
      var first = Harness.switchRequest("SUPA");
      ((com.fasterxml.jackson.databind.node.ObjectNode) first.get("data")).put("mpxn", "1221000000007");
      assertEquals(202, h.postSigned("/css/v1/switch-requests", first).status());

      Vertx vertx = Vertx.vertx();
      try {
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
        Harness.await(pool.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory'"
            + " AND objid = 7347002").execute().eventually(pool::close));
      } finally {
        Harness.await(vertx.close());
      }
      Harness.Response refused = null;
      for (int i = 0; i < 50; i++) {   // the instance learns of it when its connection closes
        var next = Harness.switchRequest("SUPA");
        refused = h.postSigned("/css/v1/switch-requests", next);
        if (refused.status() != 202) {
          break;
        }
        Thread.sleep(100);
      }
      assertEquals(500, refused.status(), refused.body());
      assertEquals("INTERNAL_ERROR", refused.firstErrorCode());
      Harness.Response health = h.send(HttpMethod.GET, "/health", Map.of(), null);
      assertEquals("DEGRADED", health.json().getString("status"), health.body());
      assertTrue(health.body().contains("lost its lock"), health.body());
    }
  }
}
