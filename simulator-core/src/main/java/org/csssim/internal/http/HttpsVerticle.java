package org.csssim.internal.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;

/**
 * One event loop's HTTPS server. Several are deployed on the same port (one per core by
 * default); Vert.x spreads connections across them. Each builds its own router from the same
 * route groups, in order.
 */
public final class HttpsVerticle extends VerticleBase {
  private final List<Routes> routes;
  private final HttpServerOptions options;
  private final ConnectionGuard guard;
  private HttpServer server;

  /** {@code guard}: shared by every event loop's server, so its connection limit is the listener's. */
  public HttpsVerticle(List<Routes> routes, HttpServerOptions options, ConnectionGuard guard) {
    this.routes = List.copyOf(routes);
    this.options = guard.configure(options);
    this.guard = guard;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    routes.forEach(r -> r.mount(router));
    server = vertx.createHttpServer(options).connectionHandler(c -> guard.accepted(c, options)).requestHandler(router);
    return server.listen();
  }

  public int actualPort() {
    return server.actualPort();
  }
}
