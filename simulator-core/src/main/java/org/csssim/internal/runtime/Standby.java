package org.csssim.internal.runtime;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.ConnectionGuard;
import org.csssim.internal.http.HttpsOptions;
import org.csssim.internal.http.HttpsVerticle;
import org.csssim.internal.http.Routes;
import org.csssim.internal.http.SecurityHeaders;
import org.csssim.internal.pki.TestPki;

/**
 * What a standby instance serves while it waits for the active one's database (store.standby):
 * {@code GET /health} answers 503 with status STANDBY, so a load balancer sends nothing here,
 * and every other request 503 {@code INSTANCE_STANDBY} with Retry-After, so a client that reached
 * it anyway tries again. It listens on the instance's own port and is undeployed when this
 * instance takes over, just before the full listener opens there.
 */
final class Standby {
  private final Vertx vertx;
  private final String deployment;
  private final int port;

  private Standby(Vertx vertx, String deployment, int port) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.port = port;
  }

  static Future<Standby> serve(Vertx vertx, SimulatorConfig config, Path dataDir) {
    Instant since = Instant.now();
    Routes standby = router -> {
      router.get("/health").handler(ctx -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
          .end(new JsonObject().put("status", "STANDBY").put("checks", new JsonObject().put("store", new JsonObject()
              .put("status", "STANDBY").put("kind", config.store().kind().name())
              .put("detail", "another instance holds the database; this one takes over when its lock frees")
              .put("since", since.toString()))).encode()));
      router.route().handler(ctx -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/json")
          .putHeader("Retry-After", "5")
          .end(new JsonObject().put("status", "Rejected").put("errors", new JsonArray().add(new JsonObject()
              .put("code", ErrorCode.INSTANCE_STANDBY.name())
              .put("message", "this instance is a standby; the active one answers, or this one once it takes over")))
              .encode()));
    };
    return vertx.executeBlocking(() -> {
      // the listener's certificate, made as a first start would (a shared data directory has it already)
      new TestPki(dataDir).ensure(config.testPkiParties());
      return null;
    }).compose(x -> {
      HttpsVerticle verticle = new HttpsVerticle(List.of(new SecurityHeaders(), standby),
          HttpsOptions.of(config.listener(), dataDir, config.listener().port()),
          new ConnectionGuard(config.listener().limits()));
      return vertx.deployVerticle(verticle, new DeploymentOptions())
          .map(id -> new Standby(vertx, id, verticle.actualPort()));
    });
  }

  /** The port it listens on, which the full listener takes over. */
  int port() {
    return port;
  }

  Future<Void> stop() {
    return vertx.undeploy(deployment);
  }
}
