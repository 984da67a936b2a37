package org.csssim.internal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.csssim.internal.yaml.Location;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI file is served without a token, describes exactly the admin routes, and Redocly's
 * lint finds nothing to say about it. (OpenApiResponseTest checks the answers against it.)
 */
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

  /**
   * {@code redocly lint} (the recommended rules, and every operation and tag described: see
   * redocly.yaml beside this test) gives no error and no warning. Redocly CLI comes from npm:
   * CSSSIM_REDOCLY names the command, else {@code redocly} on the PATH; CI installs it and sets
   * CSSSIM_REQUIRE_REDOCLY, so there a missing one fails instead of skipping.
   */
  @Test
  void redoclyFindsNothingToSay() throws Exception {
    String command = System.getenv("CSSSIM_REDOCLY");
    if (command == null) {
      command = Stream.of(System.getenv("PATH").split(File.pathSeparator)).map(d -> Path.of(d, "redocly"))
          .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }
    if (command == null && System.getenv("CSSSIM_REQUIRE_REDOCLY") != null) {
      fail("CSSSIM_REQUIRE_REDOCLY is set but neither CSSSIM_REDOCLY nor redocly on the PATH names Redocly CLI");
    }
    Assumptions.assumeTrue(command != null, "Redocly CLI (npm @redocly/cli) is not installed");
    Path spec = Files.createTempFile("admin", ".yaml");
    Files.writeString(spec, new Location("classpath:openapi/admin.yaml").read());
    Path config = Path.of(getClass().getResource("/redocly.yaml").toURI());
    Process lint = new ProcessBuilder(command, "lint", "--config", config.toString(), "--format=json", spec.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "redocly lint finished");
    JsonNode totals = new ObjectMapper().readTree(report).get("totals");
    assertEquals(0, totals.get("errors").asInt() + totals.get("warnings").asInt(), report);
    assertEquals(0, lint.exitValue(), report);
  }
}
