package org.csssim.internal.http;

import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * One part of {@code GET /health}: a name and what it reports, with {@code status} UP or
 * DEGRADED (and a {@code detail} saying why). Asked at every request: cheap reads only.
 */
public record HealthCheck(String name, Supplier<JsonObject> check) {
  public static JsonObject up() {
    return new JsonObject().put("status", "UP");
  }

  /** UP, or DEGRADED with {@code why}. */
  public static JsonObject degradedIf(boolean degraded, String why) {
    JsonObject c = new JsonObject().put("status", degraded ? "DEGRADED" : "UP");
    return degraded ? c.put("detail", why) : c;
  }
}
