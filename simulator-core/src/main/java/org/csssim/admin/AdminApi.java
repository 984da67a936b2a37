package org.csssim.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.csssim.error.ErrorCode;
import org.csssim.http.Services;

/**
 * The admin API under {@code /admin/v1}: every route needs {@code Authorization: Bearer <token>}.
 * Routes are added here as the subsystems they steer are built.
 */
public final class AdminApi {
  public static final String PREFIX = "/admin/v1";

  /** Read once per process, not once per event loop. */
  private static final String OPENAPI = new org.csssim.yaml.Location("classpath:openapi/admin.yaml").read();

  private final Services services;
  private final AdminToken token;

  public AdminApi(Services services) {
    this.services = services;
    this.token = services.adminToken();
  }

  public void mount(Router router) {
    // the API's description needs no token, so it is mounted before the token check
    router.get(PREFIX + "/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(OPENAPI));
    router.route(PREFIX + "/*").handler(this::authenticate);
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024).setHandleFileUploads(false));
    new ClockRoutes(services.timers()).mount(router, PREFIX);
    new ScenarioRoutes(services).mount(router, PREFIX);
    new TestDataRoutes(services.allocator(), services.registrations())
        .mount(router, PREFIX);
    new WebhookRoutes(services).mount(router, PREFIX);
    new PartyRoutes(services).mount(router, PREFIX);
    new JournalRoutes(services).mount(router, PREFIX);
    new ReconciliationRoutes(services).mount(router, PREFIX);
    new EventRoutes().mount(router, PREFIX);
  }

  private void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      AdminErrors.fail(ctx, ErrorCode.ADMIN_TOKEN_MISSING, "send Authorization: Bearer <admin token>", null);
      return;
    }
    if (!token.matches(header.substring(7).trim())) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      AdminErrors.fail(ctx, ErrorCode.ADMIN_TOKEN_INVALID, "the admin token is not this instance's", null);
      return;
    }
    ctx.next();
  }
}
