package org.csssim.internal.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * The client everything outbound goes through gets every answer. Regression: with body()
 * chained outside the send callback, a fast answer could end before it was read and the call
 * never completed (seen within a few hundred calls); 2,000 sequential calls cover that.
 */
class OutboundClientTest {
  @Test
  void everyAnswerArrivesOverAKeptAliveConnection() throws Exception {
    try (Harness h = Harness.start()) {
      OutboundClient client = h.sim.outbound();
      for (int i = 0; i < 2000; i++) {
        byte[] body = Harness.switchRequest("SUPA").toString().getBytes(StandardCharsets.UTF_8);
        OutboundClient.Response r = Harness.await(client.send(HttpMethod.POST, h.baseUrl() + "/css/v1/switch-requests",
            Map.of(), "application/json", body));
        assertEquals(401, r.status(), "unsigned, so refused; what matters is that the answer arrives");
      }
    }
  }

  @Test
  void aDeadPeerCostsATimeoutNotAHang() throws Exception {
    try (Harness h = Harness.start()) {
      int closedPort;
      try (var s = new java.net.ServerSocket(0)) {
        closedPort = s.getLocalPort();
      }
      var f = h.sim.outbound().send(HttpMethod.POST, "https://localhost:" + closedPort + "/", Map.of(), null, null);
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Harness.await(f));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().toLowerCase().contains("connect")
          || String.valueOf(e.getCause()).toLowerCase().contains("connect"), e.toString());
    }
  }
}
