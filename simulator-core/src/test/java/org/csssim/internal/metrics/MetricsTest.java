package org.csssim.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.csssim.testing.Harness;
import org.csssim.testing.WebhookReceiver;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Prometheus metrics at /metrics, without a token: the simulator's own, Vert.x's and the JVM's. */
class MetricsTest {
  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
    assertTrue(m.find(), series + " in:\n" + metrics.lines().filter(l -> l.startsWith("csssim")).toList());
    return Double.parseDouble(m.group(1));
  }

  @Test
  void messagesRejectionsBacklogAndInstancesAreCounted() throws Exception {
    try (Harness h = Harness.start()) {
      h.admin(HttpMethod.POST, "/clock", "{\"set\":\"2026-12-01T09:00:00Z\"}");
      var ok = Harness.switchRequest("SUPA");
      ((com.fasterxml.jackson.databind.node.ObjectNode) ok.get("data")).put("mpxn", "1221000000007");
      assertEquals(202, h.postSigned("/css/v1/switch-requests", ok).status());
      assertEquals(401, h.send(HttpMethod.POST, "/css/v1/switch-requests", Map.of("Content-Type", "application/json"),
          Harness.switchRequest("SUPA").toString().getBytes(StandardCharsets.UTF_8)).status());
      h.admin(HttpMethod.POST, "/clock", "{\"advance\":\"PT0S\"}");

      Harness.Response r = h.send(HttpMethod.GET, "/metrics", Map.of(), null);
      assertEquals(200, r.status());
      String m = r.body();
      assertEquals(1, value(m, "csssim_messages_in_total{outcome=\"ACCEPTED\",type=\"SwitchRequest\"}"));
      assertEquals(1, value(m, "csssim_rejections_total{code=\"SIGNATURE_MISSING\"}"));
      assertEquals(2, value(m, "csssim_delivery_backlog{party=\"SUPA\"}"), "Validation and Pending wait for SUPA's webhook");
      assertTrue(value(m, "csssim_scenario_instances_live") >= 1, "the switch waits in its objection window");
      assertEquals(1, value(m, "csssim_registrations_in_heap"), "the switch's registration");
      assertEquals(0, value(m, "csssim_registrations_out_of_heap"));
      assertTrue(value(m, "csssim_messages_out_total{outcome=\"QUEUED\",recipient=\"SUPA\",type=\"RegistrationPendingNotification\"}") >= 1);
      assertTrue(m.contains("jvm_memory_used_bytes"), "JVM metrics");
      assertTrue(m.contains("vertx_http_server_requests_total"), "Vert.x HTTP server metrics");
    }
  }

  /**
   * What {@code /metrics} serves passes {@code promtool check metrics} (Prometheus's own lint:
   * HELP on every metric, base units, no abbreviated units, "_count" only where it belongs),
   * after messages in, rejections and webhook deliveries have made every kind of meter.
   */
  @Test
  void promtoolFindsNothingToSay() throws Exception {
    Path promtool = java.util.stream.Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .map(d -> Path.of(d, "promtool")).filter(Files::isExecutable).findFirst().orElse(null);
    if (promtool == null && System.getenv("CSSSIM_REQUIRE_PROMTOOL") != null) {
      org.junit.jupiter.api.Assertions.fail("CSSSIM_REQUIRE_PROMTOOL is set but promtool is not on the PATH");
    }
    Assumptions.assumeTrue(promtool != null, "promtool (Debian's prometheus package) is not installed");
    try (Harness h = Harness.start(); WebhookReceiver supa = new WebhookReceiver(h)) {
      h.admin(HttpMethod.POST, "/webhooks", "{\"mpid\":\"SUPA\",\"url\":\"" + supa.url() + "\"}");
      var ok = Harness.switchRequest("SUPA");
      ((com.fasterxml.jackson.databind.node.ObjectNode) ok.get("data")).put("mpxn", "1221000000007");
      assertEquals(202, h.postSigned("/css/v1/switch-requests", ok).status());
      h.send(HttpMethod.POST, "/css/v1/switch-requests", Map.of("Content-Type", "application/json"), "{}".getBytes());
      Harness.eventually(() -> supa.received.size() >= 2, "webhooks delivered");
      String metrics = h.send(HttpMethod.GET, "/metrics", Map.of(), null).body();
      Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
      try (var in = check.getOutputStream()) {
        in.write(metrics.getBytes(StandardCharsets.UTF_8));
      }
      String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(check.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
      assertEquals(0, check.exitValue(), said);
    }
  }
}
