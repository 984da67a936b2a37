package org.csssim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import org.csssim.delivery.MessageSigner;
import org.csssim.journal.JournalEntry;
import org.csssim.journal.JournalQuery;
import org.csssim.testing.Harness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bodiless enquiry: signed over the path and query exactly as sent, the sender being the
 * owner of the kid. With no scenario engine loaded nothing answers it yet (503 NO_RESPONDER),
 * but every check before that is the intake's and is proven here.
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
  void aCorrectlySignedEnquiryPassesEveryCheckAndIsJournaled() throws Exception {
    String uri = "/css/v1/registrations/1200023305967?asAt=2026-12-01";
    Harness.Response r = get(uri, uri, "GRDA");
    assertEquals(503, r.status(), r.body());
    assertEquals("NO_RESPONDER", r.firstErrorCode());
    List<JournalEntry> j = Harness.await(h.sim.services().journal().query(
        new JournalQuery(null, null, "1200023305967", "GRDA", "RegistrationEnquiry", null, null, 10)));
    assertEquals(1, j.size());
    assertEquals("GET", j.get(0).method());
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
