package org.csssim.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.csssim.internal.store.StoreOptions;

/**
 * The stores a store test runs against: in memory, embedded H2, and PostgreSQL when
 * {@code CSSSIM_TEST_POSTGRES} names a server ({@code .ci/postgres} starts one and prints its
 * URL). With {@code CSSSIM_REQUIRE_POSTGRES} set, as in CI, a missing server fails the test
 * instead of leaving PostgreSQL out.
 */
public final class StoreKinds {
  private StoreKinds() {}

  public static String postgresUrl() {
    String url = System.getenv("CSSSIM_TEST_POSTGRES");
    if ((url == null || url.isBlank()) && System.getenv("CSSSIM_REQUIRE_POSTGRES") != null) {
      fail("CSSSIM_REQUIRE_POSTGRES is set but CSSSIM_TEST_POSTGRES names no server (run .ci/postgres)");
    }
    return url == null || url.isBlank() ? null : url;
  }

  /** The durable stores available here: embedded always, PostgreSQL when configured. */
  public static Stream<StoreOptions.Kind> durable() {
    List<StoreOptions.Kind> out = new ArrayList<>(List.of(StoreOptions.Kind.embedded));
    if (postgresUrl() != null) {
      out.add(StoreOptions.Kind.postgresql);
    }
    return out.stream();
  }

  /** Every store, in memory first. */
  public static Stream<StoreOptions.Kind> all() {
    return Stream.concat(Stream.of(StoreOptions.Kind.memory), durable());
  }

  /**
   * A configuration of {@code kind}. For PostgreSQL the test database is emptied first, so a
   * test starts from a fresh schema; {@code fresh} false keeps what an earlier start left
   * (a restart).
   */
  public static StoreOptions config(StoreOptions.Kind kind, boolean fresh) throws Exception {
    return switch (kind) {
      case memory -> StoreOptions.memory();
      case embedded -> StoreOptions.of(StoreOptions.Kind.embedded, null);
      case postgresql -> {
        String url = postgresUrl();
        if (fresh) {
          empty(url);
        }
        yield StoreOptions.of(StoreOptions.Kind.postgresql, url);
      }
    };
  }

  private static void empty(String url) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(url)).using(vertx).build();
      pool.query("DROP SCHEMA public CASCADE").execute()
          .compose(x -> pool.query("CREATE SCHEMA public").execute())
          .eventually(pool::close)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
