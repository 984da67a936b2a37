package org.csssim.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in real headless Chromium, 1280 pixels wide, as an operator uses it: the
 * sign-in form alone before the token; then every panel's content through the DOM (the
 * journal newest first and paged both ways, a flow's sequence diagram with an arrow per
 * journaled message in order, the live charts, instances summarised, leases with their
 * warning, readable times), a screenshot under target/, an axe-core audit with no serious or
 * critical violation, a party swapped and a connectivity test run.
 */
class DashboardTest {
  /** Where axe-core is: CSSSIM_AXE, or where .ci/run installs it. */
  private static Path axe() {
    String configured = System.getenv("CSSSIM_AXE");
    return configured != null ? Path.of(configured) : Path.of("../.ci/.tools/node_modules/axe-core/axe.min.js");
  }

  @Test
  void theOperatorSeesFlowsLoadAndLeasesAndSteersTheInstance() throws Exception {
    boolean required = System.getenv("CSSSIM_REQUIRE_BROWSER") != null;
    if (!required) {
      assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "no /usr/bin/chromium here (apt-get install chromium);"
          + " .ci/run installs it and requires this test");
    }
    try (Harness h = Harness.start(); HeadlessChromium browser = new HeadlessChromium(h.baseUrl() + "/")) {
      assertEquals(200, h.send(HttpMethod.GET, "/", Map.of(), null).status(), "the page needs no token");
      browser.until("document.getElementById('env').textContent === 'PIT'", "the environment label");
      assertEquals(Boolean.TRUE, browser.eval("getComputedStyle(document.getElementById('app')).display === 'none'"
          + " && getComputedStyle(document.getElementById('login')).display !== 'none'"
          + " && document.querySelector('label[for=token]').textContent === 'Admin token'"),
          "before the token, the sign-in form and no empty panels");

      String flow = traffic(h);
      String lease = Instant.now().plus(Duration.ofHours(2)).toString();
      assertEquals(200, h.admin(HttpMethod.PUT, "/parties/SUPC/connection", "{\"mode\":\"physical\",\"url\":\"https://127.0.0.1:9/\","
          + "\"lease\":{\"until\":\"" + lease + "\",\"purpose\":\"UIT cycle 3\"},\"reason\":\"dashboard test\"}").status());

      String token = h.sim.adminToken().value();
      browser.eval("document.getElementById('token').value = '" + token + "'; document.getElementById('login').requestSubmit(); true");
      browser.until("document.querySelector('tr[data-mpid=\"SUPB\"] td.simulated') !== null", "SUPB, simulated");

      // the journal: newest first, a page of 25, then older and back
      browser.until("document.querySelectorAll('#journal tr').length === 25", "a page of the journal");
      long newest = h.sim.journal().stats().appended();
      List<Long> page = seqs(browser, "#journal tr");
      assertEquals(newest, page.get(0), "the newest entry first");
      assertDescending(page);
      browser.eval("document.getElementById('page-older').click(); true");
      browser.until("Number(document.querySelector('#journal tr').dataset.seq) === " + (page.get(24) - 1), "the page older");
      assertDescending(seqs(browser, "#journal tr"));
      browser.eval("document.getElementById('page-newer').click(); true");
      browser.until("Number(document.querySelector('#journal tr').dataset.seq) === " + newest, "back to the newest page");
      String time = (String) browser.eval("document.querySelector('#journal tr td:nth-child(2)').textContent");
      assertTrue(time.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\S+"), "one readable format: " + time);

      // the filter goes to the server
      browser.eval("document.getElementById('filter-field').value = 'correlationId'; document.getElementById('filter').value = '"
          + flow + "'; document.getElementById('filter-apply').click(); true");
      browser.until("[...document.querySelectorAll('#journal tr td:last-child')].every(td => td.textContent === '" + flow + "')"
          + " && document.querySelectorAll('#journal tr').length > 0", "only the flow's entries");

      // the flow as a picture: an arrow per journaled message, in the journal's order
      List<Long> journaled = new JsonObject(h.admin(HttpMethod.GET, "/messages?correlationId=" + flow, null).body())
          .getJsonArray("messages").stream().map(o -> (JsonObject) o).filter(e -> !"ADMIN".equals(e.getString("direction")))
          .map(e -> e.getLong("seq")).toList();
      browser.eval("document.querySelector('#journal tr').click(); true");
      browser.until("document.querySelectorAll('#flow svg g.arrow').length === " + journaled.size(), "the flow's arrows");
      assertEquals(journaled, seqs(browser, "#flow svg g.arrow"));
      assertEquals(List.of("SUPA", "CSS", "SUPB"), list(browser.eval(
          "[...document.querySelectorAll('#flow svg text.lane')].map(t => t.textContent).slice(0, 3)")));
      assertEquals(Boolean.TRUE, browser.eval("[...document.querySelectorAll('#flow svg g.arrow')][0]"
          + ".getAttribute('aria-label').startsWith('SwitchRequest · accepted')"));
      String svg = (String) browser.eval("new XMLSerializer().serializeToString(document.querySelector('#flow svg'))");
      assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the download is a standalone SVG");
      browser.eval("document.querySelector('#flow svg g.arrow').dispatchEvent(new Event('click')); true");
      browser.until("document.getElementById('flow-detail').textContent.includes('\"entries\"')"
          + " || document.getElementById('flow-detail').textContent.includes('" + flow + "')", "the arrow's message");

      // live charts, instances, leases, the width
      browser.until("document.querySelector('#chart-messages polyline[data-series=\"in\"]') !== null", "the messages chart");
      browser.until("document.querySelector('#instance-summary tr[data-scenario=\"css-switch\"]') !== null", "instances by scenario");
      browser.until("document.querySelectorAll('#instances tr').length === 10", "a page of instances");
      browser.until("document.querySelector('#leases tr[data-mpid=\"SUPC\"][data-warning=\"true\"]') !== null",
          "SUPC's lease, ending within 24 hours, warned of");
      assertEquals("UIT cycle 3", browser.eval("document.querySelector('#leases tr[data-mpid=\"SUPC\"] td:nth-child(3)').textContent"));
      assertEquals(Boolean.TRUE, browser.eval("document.documentElement.scrollWidth <= 1280"), "the page fits 1280 pixels");

      browser.screenshot(Path.of("target/dashboard.png"));
      audit(browser, required);

      // steering: a swap, and a connectivity test of this instance
      browser.eval("document.querySelector('tr[data-mpid=\"SUPB\"] button.swap').click(); true");
      browser.until("document.querySelector('tr[data-mpid=\"SUPB\"] td.physical') !== null", "SUPB, physical");
      JsonObject supb = new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body()).stream().map(o -> (JsonObject) o)
          .filter(p -> p.getString("mpid").equals("SUPB")).findFirst().orElseThrow();
      assertEquals("physical", supb.getString("mode"));
      assertEquals("swapped on the dashboard", supb.getString("reason"));
      browser.eval("document.getElementById('conn-run').click(); true");
      // a test of 21 steps, each with its own timeout: on a busy machine it takes a while
      browser.until("['passed', 'failed'].includes(document.getElementById('conn-status').textContent)",
          "the connectivity test to end", 90);
      assertEquals("passed", browser.eval("document.getElementById('conn-status').textContent"), String.valueOf(browser.eval(
          "[...document.querySelectorAll('#conn-steps tr')].map(r => r.textContent).join('\\n')")));
      assertEquals("21", browser.eval("String(document.querySelectorAll('#conn-steps tr[data-status=\"PASS\"]').length)"));
    }
  }

  /** Whole switches for meter points registered to SUPB, and a rejected message; answers one switch's correlationId. */
  private static String traffic(Harness h) throws Exception {
    JsonArray mpxns = new JsonObject(h.admin(HttpMethod.POST, "/test-data/allocations",
        "{\"for\":\"SUPA\",\"fuelType\":\"E\",\"count\":12,\"registeredTo\":\"SUPB\"}").body()).getJsonArray("mpxns");
    String first = null;
    for (Object mpxn : mpxns) {
      ObjectNode m = Harness.switchRequest("SUPA");
      ((ObjectNode) m.get("data")).put("mpxn", (String) mpxn).put("supplyStartDate",
          java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(21).toString());
      assertEquals(202, h.postSigned("/css/v1/switch-requests", m).status());
      first = first == null ? m.get("correlationId").asText() : first;
    }
    ObjectNode bad = Harness.switchRequest("SUPA");
    ((ObjectNode) bad.get("data")).remove("mpxn");
    assertEquals(422, h.postSigned("/css/v1/switch-requests", bad).status());
    String flow = first;
    // the flow has run its course once its losing supplier has been told
    Harness.eventually(() -> {
      try {
        return h.admin(HttpMethod.GET, "/messages?correlationId=" + flow + "&mpid=SUPB", null).body().contains("RegistrationPendingNotification");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, "the switch's notifications");
    Thread.sleep(500);
    return flow;
  }

  private static List<Long> seqs(HeadlessChromium browser, String selector) throws Exception {
    return list(browser.eval("[...document.querySelectorAll('" + selector + "')].map(e => Number(e.dataset.seq))"))
        .stream().map(o -> ((Number) o).longValue()).toList();
  }

  /** A JavaScript array the page answered. */
  private static List<?> list(Object array) {
    return ((JsonArray) array).getList();
  }

  private static void assertDescending(List<Long> seqs) {
    for (int i = 1; i < seqs.size(); i++) {
      assertTrue(seqs.get(i) < seqs.get(i - 1), "newest first: " + seqs);
    }
  }

  /** axe-core, run in the page: no serious or critical violation. */
  private static void audit(HeadlessChromium browser, boolean required) throws Exception {
    Path axe = axe();
    if (!Files.exists(axe)) {
      assertTrue(!required, "axe-core is not at " + axe + " (npm install --prefix .ci/.tools axe-core, or CSSSIM_AXE)");
      return;
    }
    browser.eval(Files.readString(axe) + "; true");
    Object violations = browser.eval("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        + ".map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
    assertEquals(List.of(), list(violations), "serious or critical accessibility violations");
  }
}
