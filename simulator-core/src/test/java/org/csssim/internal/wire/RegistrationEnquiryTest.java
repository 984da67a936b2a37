package org.csssim.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.csssim.internal.delivery.MessageSigner;
import org.csssim.internal.journal.JournalEntry;
import org.csssim.internal.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bodiless enquiry: signed over the path and query exactly as sent, the sender being the
 * owner of the kid; answered synchronously by the reference pack's CSS scenario from the
 * registration model.
 */
class RegistrationEnquiryTest {
  static Harness h;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.start(Harness.physical("GRDA"));
  }

  @AfterAll
  static void stop() throws Exception {
    h.close();
  }

  private Harness.Response get(String uri, String signedUri, String as) throws Exception {
    String sig = h.sim.signer().signUri(h.party(as), signedUri);
    return h.send(HttpMethod.GET, uri, Map.of(MessageSigner.SIGNATURE_HEADER, sig), null);
  }

  @Test
  void aCorrectlySignedEnquiryIsAnsweredFromTheRegistrationModelAndJournaled() throws Exception {
    String uri = "/css/v1/registrations/1221000000007?asAt=2026-12-01";   // seeded, registered to SUPB
    Harness.Response r = get(uri, uri, "GRDA");
    assertEquals(200, r.status(), r.body());
    assertEquals("SUPB", r.json().getString("supplierMpid"));
    assertEquals("E", r.json().getString("fuelType"));
    List<JournalEntry> j = Harness.await(h.sim.journal().query(
        new JournalQuery(null, null, "1221000000007", "GRDA", "RegistrationEnquiry", null, null, 10)));
    assertEquals(1, j.size());
    assertEquals("GET", j.get(0).method());
    assertEquals(JournalEntry.Outcome.ANSWERED, j.get(0).outcome());
  }

  @Test
  void anUnknownMpxnIsAnswered404ByTheScenario() throws Exception {
    String uri = "/css/v1/registrations/1200023305967";
    Harness.Response r = get(uri, uri, "SUPA");
    assertEquals(404, r.status(), r.body());
    assertEquals("UNKNOWN_MPXN", r.json().getString("reasonCode"));
  }

  @Test
  void theSignatureCoversTheQueryToo() throws Exception {
    Harness.Response r = get("/css/v1/registrations/1200023305967?asAt=2026-12-02",
        "/css/v1/registrations/1200023305967?asAt=2026-12-01", "GRDA");
    assertEquals(401, r.status());
    assertEquals("SIGNATURE_INVALID", r.firstErrorCode());
  }

  @Test
  void unsignedIsRefused() throws Exception {
    Harness.Response r = h.send(HttpMethod.GET, "/css/v1/registrations/1200023305967", Map.of(), null);
    assertEquals(401, r.status());
    assertEquals("SIGNATURE_MISSING", r.firstErrorCode());
  }

  @Test
  void theMpxnInThePathIsSchemaChecked() throws Exception {
    String uri = "/css/v1/registrations/12AB";
    Harness.Response r = get(uri, uri, "SUPA");
    assertEquals(422, r.status());
    assertEquals("SCHEMA_PATTERN", r.firstErrorCode());
    assertEquals("/path/mpxn", r.firstPointer());
  }

  @Test
  void aSimulatedSignerIsRefused() throws Exception {
    String uri = "/css/v1/registrations/1200023305967";
    Harness.Response r = get(uri, uri, "SUPB");
    assertEquals(403, r.status());
    assertEquals("SENDER_NOT_PHYSICAL", r.firstErrorCode());
  }
}
