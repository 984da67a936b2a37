package org.csssim.internal.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.csssim.internal.config.SimulatorConfig;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.Test;

/**
 * On the embedded store the registration model holds only the registrations written last
 * ({@code store.registrationsInHeap}); the reference pack's CSS still sees every other one, read
 * from the store, in a run and after a restart. Real signed requests over HTTPS; what CSS did is
 * read from SUPA's outbox and from signed enquiries, as a user would.
 */
class RegistrationsInStoreTest {
  private static final UnaryOperator<SimulatorConfig> ONE_IN_HEAP = c -> Harness.physical("GRDA", "ERDA")
      .apply(c.withStore(c.store().withRegistrationsInHeap(1)));

  @Test
  void registrationsThatLeftTheHeapAreReadBackByScriptsInARunAndAfterARestart() throws Exception {
    Path dir = Files.createTempDirectory("csssim-registrations");
    String first;
    String second;
    String firstId;
    String secondId;
    try (Harness h = Harness.start(dir, ONE_IN_HEAP)) {
      Flows f = new Flows(h);
      first = f.mpxn("E", "SUPB", "none", m -> true);
      second = f.mpxn("E", "SUPB", "none", m -> true);
      JsonObject ack = f.switchRequest(first, "E", "2026-12-14");
      firstId = ack.getString("registrationId");
      secondId = f.switchRequest(second, "E", "2026-12-14").getString("registrationId");
      Harness.eventually(() -> h.sim.registrations().registrationsInHeap() == 1, "one registration held in heap");

      // the first switch's registration is in the store only: a second switch of its meter point is refused for it
      String again = f.switchRequest(first, "E", "2026-12-14").getString("correlationId");
      assertEquals("SWITCH_ALREADY_PENDING", f.last("SUPA", again, "RegistrationValidationNotification")
          .getJsonObject("data").getString("reasonCode"));

      // a withdrawal reads it back to save it Cancelled
      Harness.Response w = f.post("/css/v1/withdrawals", "WithdrawalRequest", "SUPA", ack.getString("correlationId"),
          Map.of("registrationId", firstId));
      assertEquals(202, w.status(), w.body());
      assertEquals("Withdrawn", f.last("SUPA", ack.getString("correlationId"), "RegistrationCancelledNotification")
          .getJsonObject("data").getString("reasonCode"));
      assertEquals(Map.of(firstId, "Cancelled"), statuses(h, first));
      assertEquals(Map.of(secondId, "Pending"), statuses(h, second));
    }
    try (Harness h = Harness.start(dir, ONE_IN_HEAP)) {
      assertEquals(0, h.sim.registrations().registrationsInHeap(), "a start reads none of them whole");
      assertEquals(2, h.sim.registrations().registrationsOutOfHeap(), "both switches' (the refused one made none)");
      assertEquals(Map.of(firstId, "Cancelled"), statuses(h, first));
      assertEquals(Map.of(secondId, "Pending"), statuses(h, second));
    }
  }

  /** Each registration's status, by id, as a signed RegistrationEnquiry from GRDA is answered. */
  private static Map<String, String> statuses(Harness h, String mpxn) throws Exception {
    String uri = "/css/v1/registrations/" + mpxn;
    Harness.Response r = h.send(HttpMethod.GET, uri,
        Map.of(MessageSigner.SIGNATURE_HEADER, h.sim.signer().signUri(h.party("GRDA"), uri)), null);
    assertEquals(200, r.status(), r.body());
    JsonArray all = r.json().getJsonArray("registrations");
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < all.size(); i++) {
      out.put(all.getJsonObject(i).getString("registrationId"), all.getJsonObject(i).getString("status"));
    }
    return out;
  }
}
