package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.error.ErrorCode;

/** Admin API errors: {@code {"status":"Error","errors":[{"code","message","pointer"}]}} with a stable code. */
public final class AdminErrors {
  private AdminErrors() {}

  public static void fail(RoutingContext ctx, ErrorCode code, String message, String pointer) {
    JsonObject error = new JsonObject().put("code", code.name()).put("message", message);
    if (pointer != null) {
      error.put("pointer", pointer);
    }
    ctx.response().setStatusCode(code.status()).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "Error").put("errors", new JsonArray().add(error)).encode());
  }
}
