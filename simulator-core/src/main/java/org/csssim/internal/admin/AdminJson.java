package org.csssim.internal.admin;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.error.ErrorCode;

/** Reads an admin request's JSON object body, answering 400 itself when there is none. */
final class AdminJson {
  private AdminJson() {}

  /** The body, or null after answering ADMIN_BAD_REQUEST. */
  static JsonObject object(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body != null) {
        return body;
      }
    } catch (DecodeException | ClassCastException e) {
      // answered below
    }
    AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, "the body must be a JSON object", null);
    return null;
  }

  /** The member as a string, or null when it is absent or not a string (the caller says which is wrong). */
  static String text(JsonObject body, String key) {
    return body.getValue(key) instanceof String s ? s : null;
  }
}
