package org.csssim.internal.admin;

import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.error.ErrorCode;

/** Query parameters the admin API's routes read alike. */
final class AdminQuery {
  private AdminQuery() {}

  /**
   * The {@code limit} parameter, a whole number from 1 to {@code max}; {@code absent} when it is
   * not given. Null when it is not one: the request is then answered 400 ADMIN_BAD_REQUEST.
   */
  static Integer limit(RoutingContext ctx, int absent, int max) {
    String given = ctx.queryParams().get("limit");
    if (given == null) {
      return absent;
    }
    try {
      int limit = Integer.parseInt(given);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, as one out of range is
    }
    AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST,
        max == Integer.MAX_VALUE ? "limit is a whole number of at least 1" : "limit is a whole number from 1 to " + max, "/limit");
    return null;
  }
}
