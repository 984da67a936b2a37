package org.csssim.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.util.Map;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in real headless Chromium: it loads without a token and asks for one, shows the
 * instance and its parties, shows a message arriving live, swaps a party, and runs a connectivity test.
 */
class DashboardTest {
  @Test
  void theOperatorSeesAMessageArriveLiveAndSwapsAParty() throws Exception {
    boolean required = System.getenv("CSSSIM_REQUIRE_BROWSER") != null;
    if (!required) {
      assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "no /usr/bin/chromium here (apt-get install chromium);"
          + " .ci/run installs it and requires this test");
    }
    try (Harness h = Harness.start(); HeadlessChromium browser = new HeadlessChromium(h.baseUrl() + "/")) {
      assertEquals(200, h.send(HttpMethod.GET, "/", Map.of(), null).status(), "the page needs no token");
      browser.until("document.getElementById('env').textContent === 'PIT'", "the environment label");
      browser.until("!document.getElementById('login').hidden", "the request for the token");

      String token = h.sim.adminToken().value();
      browser.eval("document.getElementById('token').value = '" + token + "'; document.getElementById('connect').click(); true");
      browser.until("document.querySelector('tr[data-mpid=\"SUPB\"] td.simulated') !== null", "SUPB, simulated");

      var m = Harness.switchRequest("SUPA");
      assertEquals(202, h.postSigned("/css/v1/switch-requests", m).status());
      browser.until("[...document.querySelectorAll('#journal tr')].some(r => r.dataset.search.includes('"
          + m.get("eventId").asText() + "'))", "the SwitchRequest in the live journal");

      browser.eval("document.querySelector('tr[data-mpid=\"SUPB\"] button.swap').click(); true");
      browser.until("document.querySelector('tr[data-mpid=\"SUPB\"] td.physical') !== null", "SUPB, physical");
      JsonObject supb = new JsonArray(h.admin(HttpMethod.GET, "/parties", null).body()).stream().map(o -> (JsonObject) o)
          .filter(p -> p.getString("mpid").equals("SUPB")).findFirst().orElseThrow();
      assertEquals("physical", supb.getString("mode"));
      assertEquals("swapped on the dashboard", supb.getString("reason"));

      // a connectivity test of this instance, run from the dashboard: every step listed, every one passed
      browser.eval("document.getElementById('conn-run').click(); true");
      browser.until("document.getElementById('conn-status').textContent === 'passed'", "the connectivity test to pass");
      assertEquals("21", browser.eval("String(document.querySelectorAll('#conn-steps tr[data-status=\"PASS\"]').length)"));
    }
  }
}
