package org.csssim.internal.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.csssim.internal.clock.ClockControl;
import org.csssim.internal.error.ErrorCode;
import org.csssim.internal.http.Routes;

/**
 * {@code GET /clock} and {@code POST /clock} with exactly one of {@code {"advance":"P1D"}},
 * {@code {"set":"2026-12-01T09:00:00Z"}}, {@code {"speed":60}} or {@code {"reset":true}};
 * both answer {@code {"now","mode","speed"}}. Moving forward completes once every timer due on
 * the way has fired.
 */
public final class ClockRoutes implements Routes {
  private static final Set<String> ACTIONS = Set.of("advance", "set", "speed", "reset");

  private final ClockControl control;

  public ClockRoutes(ClockControl control) {
    this.control = control;
  }

  @Override
  public void mount(Router router) {
    router.get(AdminApi.PREFIX + "/clock").handler(ctx -> answer(ctx));
    router.post(AdminApi.PREFIX + "/clock").handler(this::change);
  }

  private void change(RoutingContext ctx) {
    JsonObject body = AdminJson.object(ctx);
    if (body == null) {
      return;
    }
    if (body.size() != 1 || !ACTIONS.contains(body.fieldNames().iterator().next())) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST,
          "send exactly one of {\"advance\":\"P1D\"}, {\"set\":\"<ISO instant>\"}, {\"speed\":60}, {\"reset\":true}", null);
      return;
    }
    String action = body.fieldNames().iterator().next();
    Future<?> change;
    try {
      change = switch (action) {
        case "advance" -> control.advance(Duration.parse(body.getString("advance")));
        case "set" -> control.set(Instant.parse(body.getString("set")));
        case "speed" -> control.speed(body.getDouble("speed"));
        default -> control.reset();
      };
    } catch (DateTimeParseException | ClassCastException | NullPointerException e) {
      AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST, action + ": " + expected(action), "/" + action);
      return;
    }
    change.onSuccess(x -> answer(ctx)).onFailure(e -> AdminErrors.fail(ctx, ErrorCode.ADMIN_BAD_REQUEST,
        action + ": " + e.getMessage(), "/" + action));
  }

  private static String expected(String action) {
    return switch (action) {
      case "advance" -> "an ISO-8601 duration such as P1D or PT2H";
      case "set" -> "an ISO-8601 instant such as 2026-12-01T09:00:00Z";
      case "speed" -> "a number greater than 0";
      default -> "true";
    };
  }

  private void answer(RoutingContext ctx) {
    var clock = control.clock();
    ctx.response().putHeader("Content-Type", "application/json").end(new JsonObject()
        .put("now", clock.instant().toString())
        .put("mode", clock.mode().name())
        .put("speed", clock.speed())
        .encode());
  }
}
