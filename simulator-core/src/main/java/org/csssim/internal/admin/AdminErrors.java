package org.csssim.internal.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.csssim.internal.error.ErrorCode;

/** Admin API errors: {@code {"status":"Error","errors":[{"code","message","pointer"}]}} with a stable code. */
public final class AdminErrors {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AdminErrors.class);

  private AdminErrors() {}

  public static void fail(RoutingContext ctx, ErrorCode code, String message, String pointer) {
    JsonObject error = new JsonObject().put("code", code.name()).put("message", message);
    if (pointer != null) {
      error.put("pointer", pointer);
    }
    ctx.response().setStatusCode(code.status()).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "Error").put("errors", new JsonArray().add(error)).encode());
  }

  /**
   * What an admin route answers when the store (or anything it waits on) fails: 500 with the
   * cause, logged, instead of leaving the request unanswered.
   */
  public static io.vertx.core.Handler<Throwable> failed(RoutingContext ctx) {
    return e -> {
      LOG.error("admin: {} {} failed", ctx.request().method(), ctx.request().path(), e);
      if (!ctx.response().ended()) {
        fail(ctx, ErrorCode.INTERNAL_ERROR, "the simulator could not answer: " + e.getMessage(), null);
      }
    };
  }
}
