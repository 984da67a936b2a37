package org.csssim.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/** The OpenAPI file is served without a token and describes exactly the admin routes. */
class OpenApiTest {
  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() throws Exception {
    try (Harness h = Harness.start()) {
      Harness.Response served = h.send(HttpMethod.GET, "/admin/v1/openapi.yaml", Map.of(), null);
      assertEquals(200, served.status(), "no token needed");
      JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(served.body());
      assertEquals("3.0.3", doc.get("openapi").asText());

      Set<String> documented = new TreeSet<>();
      doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
          .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

      Router router = Router.router(h.sim.vertx());
      h.sim.routes().forEach(r -> r.mount(router));
      Set<String> routes = new TreeSet<>();
      for (Route r : router.getRoutes()) {
        String path = r.getPath();
        if (path == null || !path.startsWith(AdminApi.PREFIX) || path.endsWith("*") || r.methods() == null
            || path.endsWith("/openapi.yaml")) {
          continue;   // the token check and body handler apply to every path; the file describes the rest
        }
        for (HttpMethod m : r.methods()) {
          routes.add(m.name() + " " + path.substring(AdminApi.PREFIX.length()).replaceAll(":([A-Za-z]+)", "{$1}"));
        }
      }
      assertTrue(routes.size() > 15, routes.toString());
      assertEquals(routes, documented);
    }
  }
}
