package org.csssim.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.csssim.admin.AdminApi;

/**
 * One event loop's HTTPS server. Several are deployed on the same port (one per core by
 * default); Vert.x spreads connections across them. All share the {@link Services}.
 */
public final class HttpsVerticle extends VerticleBase {
  /** Read once per process, not once per event loop. */
  private static final String DASHBOARD = new org.csssim.yaml.Location("classpath:dashboard/index.html").read();

  private final Services services;
  private final int port;
  private HttpServer server;

  public HttpsVerticle(Services services, int port) {
    this.services = services;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    new OpsRoutes(services).mount(router);
    // the dashboard: one static page that loads without a token and asks for it before it acts
    router.get("/").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(DASHBOARD));
    router.get("/metrics").handler(io.vertx.micrometer.PrometheusScrapingHandler.create(services.metrics().registry()));
    new PkiRoutes(services).mount(router);
    new AdminApi(services).mount(router);
    new IntakeRoutes(services.intake(), services.config().listener().tls().clientAuth())
        .mount(router, services.catalogue().inbound(), services.config().listener().bodyLimit().bytes());
    server = vertx.createHttpServer(HttpsOptions.of(services.config().listener(), services.dataDir(), port))
        .requestHandler(router);
    return server.listen();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
