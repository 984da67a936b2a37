package org.csssim.internal.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;
import org.csssim.internal.yaml.Location;

/**
 * The admin API under {@code /admin/v1}: its description without a token, then the bearer
 * token check and a 64 KiB body limit before every group of routes (clock, scenarios, parties,
 * webhooks, journal, ...), each built with what it steers.
 */
public final class AdminApi implements Routes {
  public static final String PREFIX = "/admin/v1";

  /** Read once per process, not once per event loop. */
  private static final String OPENAPI = new Location("classpath:openapi/admin.yaml").read();

  private final AdminToken token;
  private final List<Routes> groups;

  public AdminApi(AdminToken token, List<Routes> groups) {
    this.token = token;
    this.groups = List.copyOf(groups);
  }

  @Override
  public void mount(Router router) {
    // the API's description needs no token, so it is mounted before the token check
    router.get(PREFIX + "/openapi.yaml").handler(ctx -> ctx.response().putHeader("Content-Type", "application/yaml").end(OPENAPI));
    router.route(PREFIX + "/*").handler(this::authenticate);
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(64 * 1024).setHandleFileUploads(false));
    groups.forEach(g -> g.mount(router));
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
