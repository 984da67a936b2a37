package org.csssim.internal.admin;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.HttpConnections;
import org.csssim.internal.http.Routes;
import org.csssim.internal.yaml.Location;

/**
 * The admin API under {@code /admin/v1}: its description without a token, then the bearer
 * token check and a 64 KiB body limit before every group of routes (clock, scenarios, parties,
 * webhooks, journal, ...), each built with what it steers.
 */
public final class AdminApi implements Routes {
  public static final String PREFIX = "/admin/v1";
  static final int BODY_LIMIT = 64 * 1024;

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
    router.route(PREFIX + "/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT).setHandleFileUploads(false))
        .failureHandler(this::tooLarge);
    groups.forEach(g -> g.mount(router));
  }

  /**
   * A body over the limit is answered here, in the admin API's shape, and not journaled as a
   * message; the connection is closed so the rest of the body is not read.
   */
  private void tooLarge(RoutingContext ctx) {
    if (ctx.statusCode() != 413 || ctx.response().ended()) {
      HttpConnections.quietWhenClientGone(ctx);
      return;
    }
    HttpConnections.closeAfterAnswer(ctx);
    AdminErrors.fail(ctx, ErrorCode.ADMIN_BODY_TOO_LARGE, "an admin request's body is at most " + BODY_LIMIT + " bytes",
        null);
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
